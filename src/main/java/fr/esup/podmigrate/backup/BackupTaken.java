package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.job.JobResult;

/** What a backup job produced: the verified backup it wrote, by name. */
public record BackupTaken(String backup) implements JobResult {
}
