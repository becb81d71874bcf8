package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.ByteSize;
import fr.esup.podmigrate.sql.ImportProgress;

import java.time.Instant;
import java.util.Locale;

/**
 * How far a job is: bytes of its input or output (total 0 when unknown), rows and statements, and for a job that goes
 * table after table (a dump, a verification), the tables done and to do (total 0 when it does not count them).
 *
 * @param stage          for a job that reads a script, which pass over it this is (each has its own bytes, from 0 to
 *                       its total); else null
 * @param stageStartedAt when that pass began, as the job's runner saw it change; null without a stage
 */
public record JobProgress(long bytesDone, long bytesTotal, long rows, long statements, int tablesDone,
                          int tablesTotal, ImportProgress.Stage stage, Instant stageStartedAt) {

    public static final JobProgress NONE = new JobProgress(0, 0, 0, 0);

    public JobProgress(long bytesDone, long bytesTotal, long rows, long statements) {
        this(bytesDone, bytesTotal, rows, statements, 0, 0, null, null);
    }

    /** A script's decompression, analysis or import, at its stage. */
    public static JobProgress of(ImportProgress progress) {
        return new JobProgress(progress.bytesRead(), progress.bytesTotal(), progress.rows(), progress.statements(), 0, 0,
                progress.stage(), null);
    }

    public JobProgress withTables(int done, int total) {
        return new JobProgress(bytesDone, bytesTotal, rows, statements, done, total, stage, stageStartedAt);
    }

    JobProgress withStageStartedAt(Instant startedAt) {
        return new JobProgress(bytesDone, bytesTotal, rows, statements, tablesDone, tablesTotal, stage, startedAt);
    }

    /** The stage's message key suffix, or null. */
    public String stageKey() {
        return stage == null ? null : stage.name().toLowerCase(Locale.ROOT);
    }

    /** Percentage done, or -1 when the total is unknown. */
    public int percent() {
        return bytesTotal <= 0 ? -1 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
    }

    public ByteSize shownDone() {
        return new ByteSize(bytesDone);
    }

    public ByteSize shownTotal() {
        return new ByteSize(bytesTotal);
    }
}
