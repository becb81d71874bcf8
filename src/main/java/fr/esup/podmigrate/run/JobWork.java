package fr.esup.podmigrate.run;

/** The body of a background job. It reports progress and results through its context and checks for cancel. */
@FunctionalInterface
public interface JobWork {

    /** Returns a short outcome message; throws to fail the job with the exception's message. */
    String run(JobContext context) throws Exception;
}
