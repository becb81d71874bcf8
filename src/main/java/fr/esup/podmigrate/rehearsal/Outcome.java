package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.verify.Verification;

import java.util.List;
import java.util.Map;

/**
 * What a rehearsal or a replay ended with.
 *
 * @param recipe       the choices it made, with the rehearsal's measures for a rehearsal
 * @param verification the verification's findings; null when a step failed before it
 * @param stepMillis   each step's duration in milliseconds, in the order they ran
 * @param warnings     what the steps that ran warned of (the import's analysis)
 * @param failedStep   the step that failed, null when none did
 * @param failure      why it failed, null when nothing did
 */
public record Outcome(Recipe recipe, Verification verification, Map<String, Long> stepMillis, List<Message> warnings,
                      String failedStep, String failure) {

    public boolean complete() {
        return failedStep == null && verification != null && verification.complete();
    }
}
