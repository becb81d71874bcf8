package fr.esup.podmigrate.rehearsal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rehearsal started from the console: its steps as they run and end, then its outcome, or why it was refused or
 * failed. Kept in memory while the console runs; its recipe, in the workspace, keeps the verdict and the durations.
 */
public final class RehearsalRun implements StepLog {

    /** Where the rehearsal is. */
    public enum Status {
        RUNNING, COMPLETE, NOT_COMPLETE, FAILED, REFUSED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** A step that ended, and how long it took. */
    public record StepLine(String step, long millis, String outcome) {
    }

    private final String id;
    private final String operator;
    private final Instant startedAt = Instant.now();
    private final List<StepLine> steps = new ArrayList<>();
    private volatile String currentStep;
    private volatile Outcome outcome;
    private volatile String problem;
    private volatile Status status = Status.RUNNING;

    RehearsalRun(String id, String operator) {
        this.id = id;
        this.operator = operator;
    }

    @Override
    public void started(String step) {
        currentStep = step;
    }

    @Override
    public synchronized void ended(String step, Duration took, String outcome) {
        steps.add(new StepLine(step, took.toMillis(), outcome));
        currentStep = null;
    }

    void finished(Outcome ended) {
        outcome = ended;
        problem = ended.failure();
        status = ended.failedStep() != null ? Status.FAILED : ended.complete() ? Status.COMPLETE : Status.NOT_COMPLETE;
    }

    void refused(String why) {
        problem = why;
        status = Status.REFUSED;
    }

    void failed(String why) {
        problem = why;
        status = Status.FAILED;
    }

    public String id() {
        return id;
    }

    public String operator() {
        return operator;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Status status() {
        return status;
    }

    public boolean running() {
        return status == Status.RUNNING;
    }

    /** The step running now, null between steps and once ended. */
    public String currentStep() {
        return currentStep;
    }

    public synchronized List<StepLine> steps() {
        return List.copyOf(steps);
    }

    /** The outcome once the steps ran; null while running, or when refused or failed outside a step. */
    public Outcome outcome() {
        return outcome;
    }

    /** Why it was refused or failed, in the engine's words; null otherwise. */
    public String problem() {
        return problem;
    }
}
