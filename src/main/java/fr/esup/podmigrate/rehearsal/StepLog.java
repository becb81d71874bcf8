package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.run.Message;

import java.time.Duration;
import java.util.List;

/** Told of each step of a rehearsal or a replay as it starts and ends: the command line's standard error, a job. */
public interface StepLog {

    void started(String step);

    /**
     * @param outcome  what the step did, in English
     * @param warnings what it warns of (the import's: its analysis' warnings), to be read in the reader's language
     */
    void ended(String step, Duration took, String outcome, List<Message> warnings);
}
