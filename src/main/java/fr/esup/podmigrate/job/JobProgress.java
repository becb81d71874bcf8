package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.ByteSize;

/**
 * How far a job is: bytes of its input or output (total 0 when unknown), rows and statements, and for a job that goes
 * table after table (a dump, a verification), the tables done and to do (total 0 when it does not count them).
 */
public record JobProgress(long bytesDone, long bytesTotal, long rows, long statements, int tablesDone,
                          int tablesTotal) {

    public static final JobProgress NONE = new JobProgress(0, 0, 0, 0);

    public JobProgress(long bytesDone, long bytesTotal, long rows, long statements) {
        this(bytesDone, bytesTotal, rows, statements, 0, 0);
    }

    public JobProgress withTables(int done, int total) {
        return new JobProgress(bytesDone, bytesTotal, rows, statements, done, total);
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
