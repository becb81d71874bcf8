package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobResults;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;
import fr.esup.podmigrate.v3.OrphanedKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a verification job found, kept in the job's results in the workspace, so that the page, the reports and the
 * run's record read the same counts after the console restarts: the rows of both sides, where the v2 counts come
 * from, the import and backup jobs it compared with, and the foreign keys that point nowhere.
 */
final class VerificationResults {

    static final String V2_ROWS = "rows.v2.";
    static final String V3_ROWS = "rows.v3.";
    private static final String TARGET = "target";
    private static final String ORIGIN_KIND = "origin.kind";
    private static final String ORIGIN_LABEL = "origin.label";
    private static final String IMPORT_JOB = "job.import";
    private static final String BACKUP_JOB = "job.backup";
    private static final String KEYS_CHECKED = "orphans.keys";
    private static final String ORPHAN = "orphan.";
    private static final String ORPHAN_IN_V2 = "orphan.v2.";
    private static final String FIELD_SEPARATOR = "\t";

    private VerificationResults() {
    }

    static void record(JobContext context, String target, V2Origin origin, Job imported, Job backup,
                       Map<String, Long> v2, Map<String, Long> v3, ForeignKeyOrphans.Check orphans) {
        context.result(TARGET, target);
        if (origin != null) {
            context.result(ORIGIN_KIND, origin.kind().name());
            context.result(ORIGIN_LABEL, origin.label());
            v2.forEach((table, rows) -> context.result(V2_ROWS + table, String.valueOf(rows)));
        }
        v3.forEach((table, rows) -> context.result(V3_ROWS + table, String.valueOf(rows)));
        if (imported != null) {
            context.result(IMPORT_JOB, imported.id());
        }
        if (backup != null) {
            context.result(BACKUP_JOB, backup.id());
        }
        context.result(KEYS_CHECKED, String.valueOf(orphans.keysChecked()));
        List<OrphanedKey> orphaned = orphans.orphaned();
        for (int i = 0; i < orphaned.size(); i++) {
            OrphanedKey key = orphaned.get(i);
            List<String> fields = new ArrayList<>(List.of(key.table(), key.column(), key.referencedTable(),
                    key.referencedColumn(), String.valueOf(key.rows())));
            fields.addAll(key.examples());
            context.result(ORPHAN + i, String.join(FIELD_SEPARATOR, fields));
            if (key.v2Rows() != null) {
                context.result(ORPHAN_IN_V2 + i, String.valueOf(key.v2Rows()));
            }
        }
    }

    /** The verification a succeeded job recorded; {@code jobs} finds the import and backup jobs it names. */
    static Verification read(Job job, Function<String, Optional<Job>> jobs) {
        String kind = job.result(ORIGIN_KIND);
        V2Origin origin = kind == null ? null : new V2Origin(V2Origin.Kind.valueOf(kind), job.result(ORIGIN_LABEL));
        Job imported = named(job.result(IMPORT_JOB), jobs);
        Job backup = named(job.result(BACKUP_JOB), jobs);
        List<TableComparison> tables = RowCounts.compare(origin == null ? null : JobResults.counts(job, V2_ROWS),
                JobResults.counts(job, V3_ROWS), imported == null ? null : ImportCounts.of(imported));
        return new Verification(job.endedAt() == null ? job.startedAt() : job.endedAt(), job.result(TARGET), origin, imported,
                backup, tables, new ForeignKeyOrphans.Check(Integer.parseInt(job.result(KEYS_CHECKED)), orphans(job)),
                ContentResults.read(job), ContentResults.unavailable(job));
    }

    private static Job named(String id, Function<String, Optional<Job>> jobs) {
        return id == null ? null : jobs.apply(id).orElse(null);
    }

    private static List<OrphanedKey> orphans(Job job) {
        Map<Integer, OrphanedKey> byIndex = new TreeMap<>();
        job.results().forEach((name, value) -> {
            if (name.startsWith(ORPHAN) && !name.startsWith(ORPHAN_IN_V2)) {
                String[] fields = value.split(FIELD_SEPARATOR, -1);
                String inV2 = job.result(ORPHAN_IN_V2 + name.substring(ORPHAN.length()));
                byIndex.put(Integer.parseInt(name.substring(ORPHAN.length())), new OrphanedKey(fields[0], fields[1],
                        fields[2], fields[3], Long.parseLong(fields[4]), Arrays.asList(fields).subList(5, fields.length),
                        inV2 == null ? null : Long.valueOf(inV2)));
            }
        });
        return List.copyOf(byIndex.values());
    }
}
