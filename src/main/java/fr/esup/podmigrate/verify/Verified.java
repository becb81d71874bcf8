package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobResult;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a verification job found, kept with the job in the workspace, so that the page, the reports and the run's
 * record read the same counts after the console restarts.
 *
 * @param origin             where the v2 counts come from, null when there are none
 * @param v2Rows             v2's rows per table, null when there are no v2 counts
 * @param importJob          the id of the import whose counts it used, null when none succeeded
 * @param backupJob          the id of the newest succeeded backup, null when none
 * @param content            v2's rows compared with v3's, null when they were not compared
 * @param contentCsv         the CSV of every differing row, relative to the workspace; null when rows were not compared
 * @param contentUnavailable why v2's rows could not be read, null when they were or there is no v2 to read
 */
record Verified(String target, V2Origin origin, Map<String, Long> v2Rows, Map<String, Long> v3Rows, String importJob,
                String backupJob, ForeignKeyOrphans.Check orphans, ContentReport content, String contentCsv,
                String contentUnavailable) implements JobResult {

    /** The verification {@code job} recorded; {@code jobs} finds the import and backup jobs it names. */
    Verification verification(Job job, Function<String, Optional<Job>> jobs) {
        Job imported = named(importJob, jobs);
        return new Verification(job.endedAt() == null ? job.startedAt() : job.endedAt(), target, origin, imported,
                named(backupJob, jobs), RowCounts.compare(v2Rows, v3Rows, imported == null ? null
                : ImportCounts.of(imported)), orphans, content, contentUnavailable);
    }

    private static Job named(String id, Function<String, Optional<Job>> jobs) {
        return id == null ? null : jobs.apply(id).orElse(null);
    }
}
