package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.job.JobResult;
import fr.esup.podmigrate.run.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay started from the console records as it goes.
 *
 * @param script      the podv2.sql replayed, by its id in the workspace
 * @param runningStep the step running, or null
 * @param seconds     each step that ended, and the seconds it took, in order
 * @param report      the report written, relative to the workspace, once the replay ended
 * @param warnings    what the steps that ended warn of (the import's: its analysis' warnings), by step
 */
public record Replayed(String script, String runningStep, Map<String, Long> seconds, String report,
                       Map<String, List<Message>> warnings) implements JobResult {

    public Replayed {
        // a replay recorded before its warnings were has none
        warnings = warnings == null ? Map.of() : warnings;
    }

    static Replayed starting(String script) {
        return new Replayed(script, null, Map.of(), null, Map.of());
    }

    Replayed running(String step) {
        return new Replayed(script, step, seconds, report, warnings);
    }

    Replayed ended(String step, long took, List<Message> stepWarnings) {
        Map<String, Long> ended = new LinkedHashMap<>(seconds);
        ended.put(step, took);
        Map<String, List<Message>> warned = new LinkedHashMap<>(warnings);
        if (!stepWarnings.isEmpty()) {
            warned.put(step, List.copyOf(stepWarnings));
        }
        return new Replayed(script, null, ended, report, warned);
    }

    Replayed reported(String path) {
        return new Replayed(script, runningStep, seconds, path, warnings);
    }

    /** What {@code step} warned of, none when it did not. */
    public List<Message> warningsOf(String step) {
        return warnings.getOrDefault(step, List.of());
    }
}
