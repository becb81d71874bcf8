package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.job.JobResult;

import java.util.List;

/**
 * What a restore produced.
 *
 * @param safetyBackup the backup of the database as it was before, taken first unless one already held it
 * @param dropped      the tables the backup does not hold, dropped; null until the restore has got that far
 */
public record Restored(String safetyBackup, List<String> dropped) implements JobResult {
}
