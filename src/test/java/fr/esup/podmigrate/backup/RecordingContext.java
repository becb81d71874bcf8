package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobResult;
import fr.esup.podmigrate.run.StepStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A job context for running a job's work in the test's own thread: it keeps what the work reports. */
public final class RecordingContext implements JobContext {

    private final List<JobProgress> progress = new ArrayList<>();
    private volatile JobResult result;
    private final Predicate<JobProgress> cancelWhen;
    private volatile StepStatus stepStatusOnSuccess = StepStatus.DONE;

    public RecordingContext() {
        this(p -> false);
    }

    /** A context whose job is cancelled as soon as a progress report matches. */
    public RecordingContext(Predicate<JobProgress> cancelWhen) {
        this.cancelWhen = cancelWhen;
    }

    @Override
    public String jobId() {
        return "test-job";
    }

    @Override
    public synchronized void progress(JobProgress report) {
        progress.add(report);
    }

    @Override
    public void result(JobResult result) {
        this.result = result;
    }

    @Override
    public synchronized boolean cancelled() {
        return progress.stream().anyMatch(cancelWhen);
    }

    @Override
    public void stepStatusOnSuccess(StepStatus status) {
        stepStatusOnSuccess = status;
    }

    public StepStatus stepStatusOnSuccess() {
        return stepStatusOnSuccess;
    }

    public synchronized List<JobProgress> progress() {
        return List.copyOf(progress);
    }

    /** The last result the work recorded, null when none. */
    public JobResult result() {
        return result;
    }
}
