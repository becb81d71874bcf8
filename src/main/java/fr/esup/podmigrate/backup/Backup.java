package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.run.ByteSize;
import fr.esup.podmigrate.run.Message;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A backup in the workspace: a gzip-compressed SQL dump and its manifest beside it.
 *
 * @param name         the dump's file name, {@code <database>-<yyyyMMdd-HHmmss>.sql.gz}: the only way pages name it
 * @param fingerprint  the database's rows and checksums when the dump was taken
 * @param verified     whether the file read back holds every table with the database's row counts
 * @param verification how it was verified, or why it is not
 */
public record Backup(String name, Path file, String host, int port, String database, String operator, Kind kind,
                     Instant created, long size, String sha256, DatabaseFingerprint fingerprint, boolean verified,
                     Message verification) {

    public ByteSize shownSize() {
        return new ByteSize(size);
    }

    /** Why the backup was taken. */
    public enum Kind {
        /** An operator asked for it. */
        REQUESTED,
        /** A restore took it first, the database's state it was about to replace. */
        BEFORE_RESTORE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Whether this is a backup of that server's database, whoever logged in to take it. */
    public boolean isOf(DatabaseEndpoint endpoint) {
        return host.equals(endpoint.host()) && port == endpoint.port() && database.equals(endpoint.database());
    }

    public int tables() {
        return fingerprint.tables().size();
    }

    public long rows() {
        return fingerprint.rows();
    }

    Backup withVerification(boolean verified, Message verification) {
        return new Backup(name, file, host, port, database, operator, kind, created, size, sha256, fingerprint,
                verified, verification);
    }
}
