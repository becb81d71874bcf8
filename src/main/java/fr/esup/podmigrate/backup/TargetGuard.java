package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.pod.PodMigrationRules;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * What a step that changes the target destructively (the wipe, the import, a restore) must know of it first: its
 * fingerprint as it is now, whether a verified backup holds it so, and whether it holds anything to lose.
 *
 * @param check the verdict of the workspace's verified backups on {@code fingerprint}
 */
public record TargetGuard(String database, DatabaseFingerprint fingerprint, BackupCheck check) {

    /**
     * Reads the target's fingerprint now and judges it.
     *
     * @param backups the check of a fingerprint of the target against the verified backups of the workspace
     */
    public static TargetGuard read(DatabaseEndpoint target, Function<DatabaseFingerprint, BackupCheck> backups)
            throws SQLException {
        DatabaseFingerprint current;
        try (Connection connection = target.connect()) {
            current = DatabaseFingerprint.read(connection);
        }
        return new TargetGuard(target.database(), current, backups.apply(current));
    }

    public boolean backedUp() {
        return check.matches();
    }

    /** Every table empty but {@code django_migrations}, as the wipe leaves it (which it allowed only over a backup). */
    public boolean wiped() {
        return fingerprint.tables().containsKey(PodMigrationRules.MIGRATIONS_TABLE)
                && fingerprint.tables().entrySet().stream().allMatch(t ->
                t.getKey().equals(PodMigrationRules.MIGRATIONS_TABLE) || t.getValue().rows() == 0);
    }

    /** Only what a fresh Pod install writes ({@link PodMigrationRules#INSTALL_TABLES}), which the import replaces. */
    public boolean freshInstall() {
        return !wiped() && fingerprint.tables().containsKey(PodMigrationRules.MIGRATIONS_TABLE)
                && fingerprint.tables().entrySet().stream().allMatch(t ->
                PodMigrationRules.INSTALL_TABLES.contains(t.getKey()) || t.getValue().rows() == 0);
    }

    /** No table at all: a database just created, to restore a dump into. */
    public boolean empty() {
        return fingerprint.tables().isEmpty();
    }

    /**
     * Whether the import may change the target: a verified backup holds it as it is, or it holds nothing to lose. The
     * one rule of the console and the command line.
     */
    public boolean allowsImport() {
        return empty() || wiped() || freshInstall() || backedUp();
    }
}
