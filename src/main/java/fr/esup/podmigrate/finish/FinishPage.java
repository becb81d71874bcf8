package fr.esup.podmigrate.finish;

import java.util.List;
import java.util.Map;

/**
 * The commands to run on the Pod servers, filled with the run's values.
 *
 * @param errors what is wrong with the values the operator gave, as a message key by field
 * @param domain site 1's domain on the target, empty when it has none
 * @param videos the videos the reindexing will index
 * @param modelsWithoutContentType the target's models without a content type ({@code app_label.model}), which the
 *                                 migrate block's post_migrate creates
 */
public record FinishPage(FinishForm form, Map<String, String> errors, List<CommandBlock> blocks, String domain,
                         long videos, List<String> modelsWithoutContentType) {

    /** Commands to paste into a shell, one per line, and where to run them (a message key part). */
    public record CommandBlock(String key, List<String> lines) {

        public String text() {
            return String.join("\n", lines);
        }
    }
}
