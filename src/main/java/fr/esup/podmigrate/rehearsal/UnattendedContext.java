package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobResult;

/**
 * The context of the steps' own code when a rehearsal or a replay runs them outside a job: what they report is told
 * by the steps' {@link StepLog} instead, and nothing cancels them.
 */
public class UnattendedContext implements JobContext {

    private final String id;

    public UnattendedContext(String id) {
        this.id = id;
    }

    @Override
    public String jobId() {
        return id;
    }

    @Override
    public void progress(JobProgress progress) {
    }

    @Override
    public void result(JobResult result) {
    }

    @Override
    public boolean cancelled() {
        return false;
    }
}
