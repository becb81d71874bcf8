package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.sql.script.ScriptFormatException;

import java.io.IOException;

/** An upload that is no SQL script, told by reading its first statement: nothing of it is kept. */
public class UploadRefusedException extends IOException {

    private final String reason;
    private final long line;

    UploadRefusedException(ScriptFormatException e) {
        super(e.getMessage(), e);
        this.reason = e.reason().name();
        this.line = e.line();
    }

    UploadRefusedException() {
        super("The file holds no SQL statement");
        this.reason = "NO_STATEMENT";
        this.line = 1;
    }

    /** A {@link ScriptFormatException.Reason}'s name, or NO_STATEMENT: the message {@code dump.script.<reason>}. */
    public String reason() {
        return reason;
    }

    public long line() {
        return line;
    }
}
