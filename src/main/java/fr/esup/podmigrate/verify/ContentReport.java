package fr.esup.podmigrate.verify;

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

    /** The tables with columns whose values v3 does not keep. */
    public List<TableContent> withLeftOutColumns() {
        return tables.stream().filter(t -> !t.leftOut().isEmpty()).toList();
    }

    public List<RowDifference> shown(String v2Table) {
        return shown.stream().filter(d -> d.v2Table().equals(v2Table)).toList();
    }
}
