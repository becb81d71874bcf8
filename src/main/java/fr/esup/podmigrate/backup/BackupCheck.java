package fr.esup.podmigrate.backup;

import java.util.List;

/**
 * Whether a database may be changed destructively: only when a verified backup holds it exactly as it is now.
 *
 * @param backup  the matching backup; else the newest one the verdict is about; null when there is none
 * @param changed for {@link Verdict#CHANGED}, the tables that differ from the backup
 */
public record BackupCheck(Verdict verdict, Backup backup, List<String> changed) {

    public enum Verdict {
        /** A verified backup holds the database as it is now. */
        MATCHES,
        /** No backup of this database. */
        NO_BACKUP,
        /** The newest backup failed its verification. */
        NOT_VERIFIED,
        /** The database changed since its newest verified backup. */
        CHANGED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public BackupCheck {
        changed = List.copyOf(changed);
    }

    /** Checks the database's current fingerprint against its backups, newest first. */
    static BackupCheck of(List<Backup> newestFirst, DatabaseFingerprint current) {
        for (Backup backup : newestFirst) {
            if (backup.verified() && backup.fingerprint().equals(current)) {
                return new BackupCheck(Verdict.MATCHES, backup, List.of());
            }
        }
        if (newestFirst.isEmpty()) {
            return new BackupCheck(Verdict.NO_BACKUP, null, List.of());
        }
        Backup newest = newestFirst.get(0);
        if (!newest.verified()) {
            return new BackupCheck(Verdict.NOT_VERIFIED, newest, List.of());
        }
        return new BackupCheck(Verdict.CHANGED, newest, newest.fingerprint().differences(current));
    }

    public boolean matches() {
        return verdict == Verdict.MATCHES;
    }
}
