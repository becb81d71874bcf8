package fr.esup.podmigrate.sql.script;

import java.util.Arrays;

/**
 * The tuples of an INSERT, counted while {@link StatementReader} reads it: parentheses outside quotes, as runs of
 * (...),(...) groups. Each run is {@value #RUN_FIELDS} ints: where it starts, its groups, where it ends, whether a
 * group holds another. Offsets are those of the statement's text.
 */
final class InsertTuples {

    private static final int RUN_FIELDS = 4;

    private final StatementBuilder text;
    private int depth;
    private int lastGroupEnd;
    private int[] groupRuns = new int[2 * RUN_FIELDS];
    private int groupRunCount;

    InsertTuples(StatementBuilder text) {
        this.text = text;
    }

    /** An opening parenthesis at {@code p} in the buffer. */
    void open(int p) {
        if (depth++ > 0) {
            groupRuns[RUN_FIELDS * (groupRunCount - 1) + 3] = 1;
            return;
        }
        int at = text.offsetOf(p);
        if (groupRunCount > 0 && onlyCommaBetween(lastGroupEnd, at)) {
            groupRuns[RUN_FIELDS * (groupRunCount - 1) + 1]++;
            return;
        }
        if (RUN_FIELDS * groupRunCount == groupRuns.length) {
            groupRuns = Arrays.copyOf(groupRuns, groupRuns.length * 2);
        }
        int run = RUN_FIELDS * groupRunCount;
        groupRuns[run] = at;
        groupRuns[run + 1] = 1;
        groupRuns[run + 2] = at;
        groupRuns[run + 3] = 0;
        groupRunCount++;
    }

    /** A closing parenthesis at {@code p} in the buffer. */
    void close(int p) {
        if (depth > 0 && --depth == 0) {
            lastGroupEnd = text.offsetOf(p) + 1;
            groupRuns[RUN_FIELDS * (groupRunCount - 1) + 2] = lastGroupEnd;
        }
    }

    private boolean onlyCommaBetween(int from, int to) {
        int commas = 0;
        for (int i = from; i < to && commas <= 1; i++) {
            byte b = text.byteAt(i);
            if (b == ',') {
                commas++;
            } else if (!ScriptBuffer.isBlank(b)) {
                return false;
            }
        }
        return commas == 1;
    }

    /** Tuples in the run of groups starting at this offset of the statement. */
    int tuplesFrom(int offset) {
        int run = runFrom(offset);
        return run < 0 ? 0 : groupRuns[run + 1];
    }

    /** The run of groups starting at this offset of the statement, or -1. */
    int runFrom(int offset) {
        for (int run = 0; run < RUN_FIELDS * groupRunCount; run += RUN_FIELDS) {
            if (groupRuns[run] == offset) {
                return run;
            }
        }
        return -1;
    }

    /** Where this run ends in the statement. */
    int end(int run) {
        return groupRuns[run + 2];
    }

    /** Whether a group of this run holds another. */
    boolean nested(int run) {
        return groupRuns[run + 3] == 1;
    }

    void reset() {
        depth = 0;
        groupRunCount = 0;
    }
}
