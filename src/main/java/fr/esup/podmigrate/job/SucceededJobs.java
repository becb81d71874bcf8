package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.WizardStep;

import org.springframework.stereotype.Component;

import java.util.Optional;

/** What the later steps build on: the newest job of a step that succeeded (the backup used, the import done). */
@Component
public class SucceededJobs {

    private final JobStore store;

    public SucceededJobs(JobStore store) {
        this.store = store;
    }

    public Optional<Job> newest(WizardStep step) {
        return store.ofStep(step).stream().filter(job -> job.status() == JobStatus.SUCCEEDED).findFirst();
    }
}
