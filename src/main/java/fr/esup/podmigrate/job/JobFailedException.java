package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.Message;

import java.util.Arrays;

/** Ends a job as failed (or cancelled) with a message the page shows in the reader's language. */
public class JobFailedException extends RuntimeException {

    private final transient Message reason;

    public JobFailedException(String key, Object... arguments) {
        super(key + Arrays.toString(arguments));
        this.reason = Message.of(key, arguments);
    }

    public Message reason() {
        return reason;
    }
}
