package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobResults;

import java.util.Map;

/**
 * What an import recorded for each table: rows inserted and dropped by INSERT IGNORE (by v3 table), row tuples
 * skipped (by v2 table). A table the import did not name had none.
 */
record ImportCounts(Map<String, Long> inserted, Map<String, Long> ignored, Map<String, Long> skipped) {

    static ImportCounts of(Job imported) {
        return new ImportCounts(JobResults.counts(imported, JobResults.INSERTED_ROWS),
                JobResults.counts(imported, JobResults.IGNORED_ROWS), JobResults.counts(imported, JobResults.SKIPPED_ROWS));
    }
}
