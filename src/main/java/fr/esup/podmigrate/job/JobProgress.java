package fr.esup.podmigrate.job;


/** How far a job is: bytes of its input or output (total 0 when unknown), rows and statements. */
public record JobProgress(long bytesDone, long bytesTotal, long rows, long statements) {

    public static final JobProgress NONE = new JobProgress(0, 0, 0, 0);

    /** Percentage done, or -1 when the total is unknown. */
    public int percent() {
        return bytesTotal <= 0 ? -1 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
    }
}
