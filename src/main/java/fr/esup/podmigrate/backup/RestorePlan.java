package fr.esup.podmigrate.backup;

import java.util.List;

/**
 * What restoring a backup will do: recreate each of its tables with its rows, drop the tables it does not have,
 * and first keep the current state in a safety backup unless a verified backup already holds it.
 *
 * @param dropped tables of the database that the backup does not have
 * @param current the database as it is now against its backups
 */
public record RestorePlan(Backup backup, List<String> dropped, BackupCheck current) {

    public RestorePlan {
        dropped = List.copyOf(dropped);
    }

    public boolean takesSafetyBackup() {
        return !current.matches();
    }
}
