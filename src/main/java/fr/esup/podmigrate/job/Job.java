package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.WizardStep;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one background job (backup, dump, import...), as persisted in the workspace.
 *
 * @param kind    the step's own work, or an analysis that leaves the step's status as it is
 * @param target  the target database the job works on (its lock key)
 * @param message the failure's reason, or a short outcome
 * @param results what the job produced, as named values for its step's page
 */
public record Job(String id, WizardStep step, JobKind kind, String operator, String target, JobStatus status,
                  Instant startedAt, Instant endedAt, JobProgress progress, Message message, Map<String, String> results) {

    public Duration elapsed() {
        return Duration.between(startedAt, endedAt == null ? Instant.now() : endedAt);
    }

    /** Time left at the current pace, when the total is known and some work is done. */
    public Duration estimateLeft() {
        if (status.finished() || progress.bytesDone() <= 0 || progress.bytesTotal() <= 0) {
            return null;
        }
        long elapsedMs = elapsed().toMillis();
        long leftBytes = Math.max(0, progress.bytesTotal() - progress.bytesDone());
        return Duration.ofMillis((long) ((double) elapsedMs * leftBytes / progress.bytesDone()));
    }

    public String result(String name) {
        return results.get(name);
    }
}
