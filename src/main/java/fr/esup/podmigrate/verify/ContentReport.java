package fr.esup.podmigrate.verify;

import java.util.Comparator;
import java.util.List;

/**
 * What comparing v2's rows with v3's found.
 *
 * @param v2Database the v2 database compared (the source, or the scratch database the podv2.sql was loaded into)
 * @param shown      the first differences of each table ({@value ContentComparison#SHOWN_PER_TABLE} at most)
 */
public record ContentReport(String v2Database, List<TableContent> tables, List<RowDifference> shown) {

    public ContentReport {
        tables = List.copyOf(tables);
        shown = List.copyOf(shown);
    }

    public long differences() {
        return tables.stream().mapToLong(TableContent::differences).sum();
    }

    public long unexplained() {
        return tables.stream().mapToLong(TableContent::unexplained).sum();
    }

    /** Values of the site's own v2 columns that v3 does not hold. */
    public long lostValues() {
        return tables.stream().mapToLong(TableContent::lostValues).sum();
    }

    /** The v2 columns whose values v3 does not keep, those lost first, then in the order of their tables. */
    public List<LeftOut> leftOutColumns() {
        return tables.stream().flatMap(t -> t.leftOut().stream().map(c -> new LeftOut(t.v2Table(), t.v3Table(), c)))
                .sorted(Comparator.comparing(l -> l.column().lost() == 0)).toList();
    }

    /** A column of a v2 table whose values v3 does not keep. */
    public record LeftOut(String v2Table, String v3Table, LeftOutColumn column) {

        /** The column as {@code table.column}. */
        public String name() {
            return v2Table + "." + column.column();
        }
    }

    public List<RowDifference> shown(String v2Table) {
        return shown.stream().filter(d -> d.v2Table().equals(v2Table)).toList();
    }
}
