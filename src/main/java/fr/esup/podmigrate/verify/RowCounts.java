package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.pod.EphemeralTable;
import fr.esup.podmigrate.pod.ExcludedTable;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.TableRename;
import fr.esup.podmigrate.pod.TableWithoutHome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Puts v2 and v3 row counts side by side, following the renames the target needs, and says why they differ. */
final class RowCounts {

    /** The reason of a v3 table named as a v2 table that the target renames: v3 never reads its rows. */
    static final String V2_NAME = "v2-name";
    /** The reason of v3 rows beyond those the import inserted: added before or after it (the site fixes, Pod). */
    static final String NOT_FROM_IMPORT = "not-from-import";
    /** The reason of v3 rows fewer than those the import inserted: deleted since. */
    static final String GONE_SINCE_IMPORT = "gone-since-import";

    private RowCounts() {
    }

    /**
     * @param v2       rows per v2 table, null when unknown
     * @param v3       rows per v3 table
     * @param imported what the import recorded, null when no import did
     */
    static List<TableComparison> compare(Map<String, Long> v2, Map<String, Long> v3, ImportCounts imported) {
        Set<String> v3Tables = v3.keySet();
        Map<String, String> renames = PodMigrationRules.renamesFor(v3Tables).stream()
                .collect(Collectors.toMap(TableRename::v2Table, TableRename::v3Table));
        Map<String, ExcludedTable> excluded = PodMigrationRules.EXCLUDED_TABLES.stream()
                .collect(Collectors.toMap(ExcludedTable::table, Function.identity()));
        Map<String, EphemeralTable> ephemeral = PodMigrationRules.EPHEMERAL_TABLES.stream()
                .collect(Collectors.toMap(EphemeralTable::table, Function.identity()));
        Map<String, TableWithoutHome> homeless = PodMigrationRules.tablesWithoutHome(v3Tables).stream()
                .collect(Collectors.toMap(TableWithoutHome::v2Table, Function.identity()));
        List<TableComparison> lines = new ArrayList<>();
        Set<String> compared = new HashSet<>();
        if (v2 != null) {
            v2.forEach((v2Table, v2Rows) -> {
                String v3Table = renames.getOrDefault(v2Table, v2Table);
                Long v3Rows = v3.get(v3Table);
                Long inserted = imported == null ? null : imported.inserted().getOrDefault(v3Table, 0L);
                Long ignored = imported == null ? null : imported.ignored().getOrDefault(v3Table, 0L);
                Long skipped = imported == null ? null : imported.skipped().getOrDefault(v2Table, 0L);
                if (v3Rows != null) {
                    compared.add(v3Table);
                }
                if (excluded.containsKey(v2Table)) {
                    lines.add(new TableComparison(v2Table, v2Rows, v3Rows == null ? null : v3Table, v3Rows, inserted,
                            ignored, skipped, Difference.EXCLUDED, key(excluded.get(v2Table).reason()), ""));
                } else if (ephemeral.containsKey(v2Table) && v2Rows > 0 && (v3Rows == null || v3Rows == 0)) {
                    // a cache the import left out, as it does unless the operator includes them
                    lines.add(new TableComparison(v2Table, v2Rows, v3Rows == null ? null : v3Table, v3Rows, inserted,
                            ignored, skipped, Difference.EXCLUDED, key(ephemeral.get(v2Table).reason()), ""));
                } else if (v3Rows == null) {
                    TableWithoutHome fate = homeless.get(v2Table);
                    lines.add(new TableComparison(v2Table, v2Rows, null, null, inserted, ignored, skipped,
                            Difference.MISSING_TABLE, fate == null ? null : key(fate.fate()),
                            fate == null ? "" : fate.destination()));
                } else {
                    lines.add(compared(v2Table, v2Rows, v3Table, v3Rows, inserted, ignored, skipped));
                }
            });
        }
        for (String v3Table : v3Tables) {
            if (!compared.contains(v3Table)) {
                String renamedTo = renames.get(v3Table);
                long v3Rows = v3.get(v3Table);
                Difference difference = v2 == null ? Difference.V2_UNKNOWN
                        : renamedTo != null && v3Rows > 0 ? Difference.EXTRA_ROWS : Difference.V3_ONLY;
                lines.add(new TableComparison(null, null, v3Table, v3Rows, null, null, null, difference,
                        renamedTo == null ? null : V2_NAME, renamedTo == null ? "" : renamedTo));
            }
        }
        lines.sort(Comparator.comparing(TableComparison::name));
        return lines;
    }

    /** Both sides have the table: the counts agree, or the import's own counts say where the difference arose. */
    private static TableComparison compared(String v2Table, long v2Rows, String v3Table, long v3Rows, Long inserted,
                                            Long ignored, Long skipped) {
        Difference difference;
        String reason = null;
        String reasonTarget = "";
        if (v3Rows == v2Rows) {
            difference = v3Table.equals(v2Table) ? Difference.SAME : Difference.RENAMED;
        } else if (v3Rows > v2Rows) {
            difference = Difference.EXTRA_ROWS;
            if (inserted != null && v3Rows > inserted) {
                reason = NOT_FROM_IMPORT;
                reasonTarget = String.valueOf(v3Rows - inserted);
            }
        } else if (ignored != null && v2Rows - v3Rows == ignored) {
            difference = Difference.IGNORED;
        } else {
            difference = Difference.UNEXPLAINED;
            if (inserted != null && v3Rows < inserted) {
                reason = GONE_SINCE_IMPORT;
                reasonTarget = String.valueOf(inserted - v3Rows);
            }
        }
        return new TableComparison(v2Table, v2Rows, v3Table, v3Rows, inserted, ignored, skipped, difference, reason,
                reasonTarget);
    }

    static String key(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
