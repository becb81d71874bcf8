package fr.esup.podmigrate.rehearsal;

import java.time.Duration;

/** Told of each step of a rehearsal or a replay as it starts and ends: the command line's standard error, a job. */
public interface StepLog {

    void started(String step);

    void ended(String step, Duration took, String outcome);
}
