package fr.esup.podmigrate.run;

import org.springframework.stereotype.Component;

import java.util.Optional;

/** A step's page shows its latest job: live while it runs, as persisted once it has ended. */
@Component
public class StepJobs {

    private final JobStore store;
    private final JobRunner runner;

    public StepJobs(JobStore store, JobRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    public Optional<Job> latest(WizardStep step) {
        return store.ofStep(step).stream().findFirst().flatMap(job -> runner.find(job.id()));
    }
}
