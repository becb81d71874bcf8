package fr.esup.podmigrate.verify;

import java.util.List;
import java.util.Locale;

/**
 * How one v2 table's rows compare with the v3 table they land in, row by row.
 *
 * @param ranges          primary key ranges checksummed on both sides
 * @param rangesDiffering ranges whose checksums differed, compared row by row
 * @param columns         columns compared (both sides keep them, or the import fills them by a known rule)
 * @param leftOut         the v2 columns whose values v3 does not keep
 */
public record TableContent(String v2Table, String v3Table, Status status, long v2Rows, long v3Rows, long ranges,
                           long rangesDiffering, int columns, long missing, long extra, long changed,
                           long unexplained, List<LeftOutColumn> leftOut) {

    public TableContent {
        // a verification recorded before columns were accounted for has none
        leftOut = leftOut == null ? List.of() : List.copyOf(leftOut);
    }

    /** Whether the rows could be compared. */
    public enum Status {
        /** Compared row by row. */
        COMPARED,
        /** No primary key both sides share: only its count is compared. */
        NO_PRIMARY_KEY;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public long differences() {
        return missing + extra + changed;
    }

    /** Values of columns the site added to its v2 that v3 does not hold (see {@link LeftOutColumn#lost()}). */
    public long lostValues() {
        return leftOut.stream().mapToLong(LeftOutColumn::lost).sum();
    }
}
