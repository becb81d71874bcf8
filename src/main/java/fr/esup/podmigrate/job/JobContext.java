package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.StepStatus;

/** What a running job may tell its runner. */
public interface JobContext {

    String jobId();

    void progress(JobProgress progress);

    /** Records what the job has produced so far, replacing what it recorded before. */
    void result(JobResult result);

    boolean cancelled();

    /**
     * The step's status when the job succeeds, if not DONE: a verification that found problems leaves it FAILED.
     * Only the runner records step statuses; a context that runs work outside it has nothing to keep.
     */
    default void stepStatusOnSuccess(StepStatus status) {
    }
}
