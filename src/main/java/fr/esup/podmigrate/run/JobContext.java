package fr.esup.podmigrate.run;

/** What a running job may tell its runner. */
public interface JobContext {

    String jobId();

    void progress(JobProgress progress);

    void result(String name, String value);

    boolean cancelled();
}
