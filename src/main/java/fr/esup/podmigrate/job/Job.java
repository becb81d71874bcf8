package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.WizardStep;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one background job (backup, dump, import...), as persisted in the workspace.
 *
 * @param kind    the step's own work, or an analysis that leaves the step's status as it is
 * @param target  the target database the job works on (its lock key)
 * @param message the failure's reason, or a short outcome
 * @param result  what the job produced, null while it has produced nothing or when the workspace's record of it
 *                cannot be read (a job of an older console)
 */
public record Job(String id, WizardStep step, JobKind kind, String operator, String target, JobStatus status,
                  Instant startedAt, Instant endedAt, JobProgress progress, Message message, JobResult result) {

    public Duration elapsed() {
        return Duration.between(startedAt, endedAt == null ? Instant.now() : endedAt);
    }

    /**
     * Time left at the current pace, when the total is known and some work is done; for a job that reads a script in
     * stages, time left in the current stage, at its own pace.
     */
    public Duration estimateLeft() {
        if (status.finished() || progress.bytesDone() <= 0 || progress.bytesTotal() <= 0) {
            return null;
        }
        Instant from = progress.stageStartedAt() != null ? progress.stageStartedAt() : startedAt;
        long elapsedMs = Duration.between(from, Instant.now()).toMillis();
        long leftBytes = Math.max(0, progress.bytesTotal() - progress.bytesDone());
        return Duration.ofMillis((long) ((double) elapsedMs * leftBytes / progress.bytesDone()));
    }

    /** The job's result when it is of {@code type}. */
    public <T extends JobResult> Optional<T> result(Class<T> type) {
        return type.isInstance(result) ? Optional.of(type.cast(result)) : Optional.empty();
    }
}
