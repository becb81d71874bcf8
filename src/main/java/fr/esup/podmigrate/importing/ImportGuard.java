package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.backup.BackupCheck;

/**
 * Whether the import may change the target: a verified backup holds it as it is, or it holds nothing to lose (every
 * table empty but {@code django_migrations}, as the wipe leaves it, which the wipe allowed only over a backup).
 */
public record ImportGuard(String database, BackupCheck check, boolean wiped) {

    public boolean allows() {
        return wiped || check.matches();
    }
}
