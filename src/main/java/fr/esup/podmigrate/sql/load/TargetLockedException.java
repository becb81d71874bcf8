package fr.esup.podmigrate.sql.load;

import java.time.Duration;
import java.util.Locale;

/**
 * Another import holds the target database's {@link TargetLock}: nothing was changed, not even a checkpoint file.
 *
 * @param database the target database
 * @param holder   who holds it: the holder's own description and its connection, as far as the server shows them
 * @param heldFor  how long it has held it; null when the server does not show it
 */
public final class TargetLockedException extends Exception {

    private final String database;
    private final String holder;
    private final transient Duration heldFor;

    public TargetLockedException(String database, String holder, Duration heldFor) {
        super("Another import is running into " + database + ": " + holder + ", since " + duration(heldFor)
                + "; wait for it or stop it");
        this.database = database;
        this.holder = holder;
        this.heldFor = heldFor;
    }

    public String database() {
        return database;
    }

    public String holder() {
        return holder;
    }

    /** How long the holder has held the lock, as {@code 1 h 05 min}, {@code 3 min 12 s} or {@code 8 s}; ? if unknown. */
    public String heldFor() {
        return duration(heldFor);
    }

    private static String duration(Duration duration) {
        if (duration == null) {
            return "?";
        }
        long seconds = duration.toSeconds();
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return seconds + " s";
    }
}
