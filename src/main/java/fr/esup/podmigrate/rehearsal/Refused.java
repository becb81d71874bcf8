package fr.esup.podmigrate.rehearsal;

/** A rehearsal or a replay refused before anything changed: its input, its recipe or the account cannot do. */
public final class Refused extends Exception {

    public Refused(String message) {
        super(message);
    }
}
