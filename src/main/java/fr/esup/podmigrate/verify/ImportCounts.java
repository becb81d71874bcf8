package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.importing.Imported;
import fr.esup.podmigrate.job.Job;

import java.util.Map;

/**
 * What an import recorded for each table: rows inserted and dropped by INSERT IGNORE (by v3 table), row tuples
 * skipped (by v2 table). A table the import did not name had none.
 */
record ImportCounts(Map<String, Long> inserted, Map<String, Long> ignored, Map<String, Long> skipped) {

    static ImportCounts of(Job imported) {
        return imported.result(Imported.class)
                .map(result -> new ImportCounts(result.inserted(), result.ignored(), result.skippedRows()))
                .orElse(new ImportCounts(Map.of(), Map.of(), Map.of()));
    }
}
