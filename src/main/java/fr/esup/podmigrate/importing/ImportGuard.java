package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.backup.BackupCheck;
import fr.esup.podmigrate.backup.DatabaseFingerprint;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.pod.PodMigrationRules;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Whether the import may change the target: a verified backup holds it as it is, or it holds nothing to lose: every
 * table empty but {@code django_migrations}, as the wipe leaves it (which the wipe allowed only over a backup), or
 * only what a fresh Pod install writes ({@link PodMigrationRules#INSTALL_TABLES}), which the import replaces. The one
 * rule of the console and the command line.
 */
public record ImportGuard(String database, BackupCheck check, boolean wiped, boolean freshInstall) {

    /**
     * Reads the target as it is now and judges it.
     *
     * @param backups the check of a fingerprint of the target against the verified backups of the workspace
     */
    public static ImportGuard read(DatabaseEndpoint target, Function<DatabaseFingerprint, BackupCheck> backups)
            throws SQLException {
        DatabaseFingerprint current;
        try (Connection connection = target.connect()) {
            current = DatabaseFingerprint.read(connection);
        }
        boolean wiped = current.tables().containsKey(PodMigrationRules.MIGRATIONS_TABLE)
                && current.tables().entrySet().stream()
                .allMatch(t -> t.getKey().equals(PodMigrationRules.MIGRATIONS_TABLE) || t.getValue().rows() == 0);
        boolean freshInstall = current.tables().containsKey(PodMigrationRules.MIGRATIONS_TABLE)
                && current.tables().entrySet().stream()
                .allMatch(t -> PodMigrationRules.INSTALL_TABLES.contains(t.getKey()) || t.getValue().rows() == 0);
        return new ImportGuard(target.database(), backups.apply(current), wiped, freshInstall && !wiped);
    }

    public boolean allows() {
        return wiped || freshInstall || check.matches();
    }
}
