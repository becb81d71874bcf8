package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.run.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A rehearsal started from the console: its steps as they run and end, then its outcome, or why it was refused or
 * failed. Its state (not the verification's findings) is saved at each change, for the page to show it after a
 * restart of the console.
 */
public final class RehearsalRun implements StepLog {

    /** Where the rehearsal is. */
    public enum Status {
        RUNNING, COMPLETE, NOT_COMPLETE, FAILED, REFUSED,
        /** The console stopped while it ran. */
        INTERRUPTED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A step that ended, how long it took, and what it warned of (none in a state saved by an older console).
     */
    public record StepLine(String step, long millis, String outcome, List<Message> warnings) {

        public StepLine {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    /**
     * What is saved of a rehearsal.
     *
     * @param verdict {@code complete} or {@code not-complete} once verified, null before or without a verification
     */
    record State(String id, String operator, Instant startedAt, Status status, String currentStep,
                 List<StepLine> steps, String verdict, String problem) {
    }

    private final String id;
    private final String operator;
    private final Instant startedAt;
    private final List<StepLine> steps = new ArrayList<>();
    private final Consumer<State> saver;
    private volatile String currentStep;
    private volatile Outcome outcome;
    private volatile String verdict;
    private volatile String problem;
    private volatile Status status = Status.RUNNING;

    RehearsalRun(String id, String operator, Consumer<State> saver) {
        this.id = id;
        this.operator = operator;
        this.startedAt = Instant.now();
        this.saver = saver;
        save();
    }

    /** A rehearsal as saved; one saved running was interrupted by the console's stop. */
    RehearsalRun(State saved, Consumer<State> saver) {
        this.id = saved.id();
        this.operator = saved.operator();
        this.startedAt = saved.startedAt();
        this.steps.addAll(saved.steps());
        this.verdict = saved.verdict();
        this.problem = saved.problem();
        this.saver = saver;
        if (saved.status() == Status.RUNNING) {
            status = Status.INTERRUPTED;
            currentStep = null;
            save();
        } else {
            status = saved.status();
        }
    }

    @Override
    public void started(String step) {
        currentStep = step;
        save();
    }

    @Override
    public void ended(String step, Duration took, String outcome, List<Message> warnings) {
        synchronized (this) {
            steps.add(new StepLine(step, took.toMillis(), outcome, warnings));
            currentStep = null;
        }
        save();
    }

    void finished(Outcome ended) {
        outcome = ended;
        problem = ended.failure();
        verdict = ended.verification() == null ? null : ended.verification().complete() ? "complete" : "not-complete";
        status = ended.failedStep() != null ? Status.FAILED : ended.complete() ? Status.COMPLETE : Status.NOT_COMPLETE;
        save();
    }

    void refused(String why) {
        problem = why;
        status = Status.REFUSED;
        save();
    }

    void failed(String why) {
        problem = why;
        status = Status.FAILED;
        save();
    }

    synchronized State state() {
        return new State(id, operator, startedAt, status, currentStep, List.copyOf(steps), verdict, problem);
    }

    private void save() {
        saver.accept(state());
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

    /** {@code complete} or {@code not-complete} once verified; null before, or when no verification ran. */
    public String verdict() {
        return verdict;
    }

    /**
     * The outcome once the steps ran; null while running, when refused or failed outside a step, or when read back
     * after a restart.
     */
    public Outcome outcome() {
        return outcome;
    }

    /** Why it was refused or failed, in the engine's words; null otherwise. */
    public String problem() {
        return problem;
    }
}
