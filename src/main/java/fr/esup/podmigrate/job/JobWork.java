package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.Message;

/** The body of a background job. It reports progress and results through its context and checks for cancel. */
@FunctionalInterface
public interface JobWork {

    /**
     * Returns a short outcome; throws to fail the job with the exception's message, or with its reason when it is a
     * {@link JobFailedException}.
     */
    Message run(JobContext context) throws Exception;
}
