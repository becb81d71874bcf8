package fr.esup.podmigrate.checklist;

import fr.esup.podmigrate.pod.DroppedColumn;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.V3ColumnValue;
import fr.esup.podmigrate.v2.V2Table;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static fr.esup.podmigrate.pod.PodMigrationRules.ID_COLUMN;
import static fr.esup.podmigrate.sql.Identifiers.quote;

/** Maps a re-created table's v2 rows onto its v3 columns, and inserts the rows v3 lacks. */
final class Recreations {

    /** Characters of a value the page shows: a description can be long. */
    private static final int SHOWN_LENGTH = 60;

    private Recreations() {
    }

    static Recreation plan(JdbcClient db, String table, V2Table v2) {
        List<TargetColumn> target = db.sql("SELECT column_name, is_nullable = 'YES' OR column_default IS NOT NULL"
                        + " OR extra LIKE '%auto_increment%' FROM information_schema.columns"
                        + " WHERE table_schema = DATABASE() AND table_name = :table ORDER BY ordinal_position")
                .param("table", table).query((rs, n) -> new TargetColumn(rs.getString(1), rs.getBoolean(2))).list();
        if (v2 == null) {
            return new Recreation(table, false, List.of(), List.of(), List.of(), List.of(), List.of());
        }
        List<Recreation.ColumnMapping> columns = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (TargetColumn column : target) {
            Recreation.ColumnMapping mapping = mapping(table, column, v2);
            if (mapping == null) {
                unmapped.add(column.name());
            } else {
                columns.add(mapping);
            }
        }
        Set<String> targetNames = target.stream().map(TargetColumn::name).collect(Collectors.toSet());
        List<Recreation.V2OnlyColumn> v2Only = v2.columns().stream().filter(c -> !targetNames.contains(c))
                .map(c -> new Recreation.V2OnlyColumn(c, PodMigrationRules.droppedColumn(table, c)
                        .map(DroppedColumn::becomesIn).orElse("")))
                .toList();
        List<String> shown = columns.stream().filter(c -> c.source() == Recreation.Source.COPIED)
                .map(Recreation.ColumnMapping::column).toList();
        Set<String> present = new HashSet<>(db.sql("SELECT " + quote(ID_COLUMN) + " FROM " + quote(table))
                .query(String.class).list());
        List<ForeignKey> keys = foreignKeys(db, table, shown);
        Map<ForeignKey, Set<String>> existing = new HashMap<>();
        for (ForeignKey key : keys) {
            existing.put(key, referenced(db, key, v2.rows().stream().map(row -> v2.value(row, key.column()))
                    .filter(Objects::nonNull).map(String::valueOf).collect(Collectors.toSet())));
        }
        List<Recreation.V2Row> rows = v2.rows().stream().map(row -> new Recreation.V2Row(
                        Objects.toString(v2.value(row, ID_COLUMN), ""),
                        shown.stream().map(c -> abbreviate(v2.value(row, c))).toList(),
                        present.contains(Objects.toString(v2.value(row, ID_COLUMN), "")),
                        keys.stream().filter(key -> v2.value(row, key.column()) != null
                                        && !existing.get(key).contains(String.valueOf(v2.value(row, key.column()))))
                                .map(key -> new Recreation.DanglingKey(key.column(),
                                        String.valueOf(v2.value(row, key.column())), key.referencedTable()))
                                .toList()))
                .toList();
        return new Recreation(table, true, columns, unmapped, v2Only, shown, rows);
    }

    /** The foreign keys of the v3 table on columns copied from v2: those whose v2 values may name no v3 row. */
    private static List<ForeignKey> foreignKeys(JdbcClient db, String table, List<String> copied) {
        return db.sql("SELECT column_name, referenced_table_name, referenced_column_name"
                        + " FROM information_schema.key_column_usage WHERE table_schema = DATABASE()"
                        + " AND table_name = :table AND referenced_table_name IS NOT NULL ORDER BY ordinal_position")
                .param("table", table)
                .query((rs, n) -> new ForeignKey(rs.getString(1), rs.getString(2), rs.getString(3))).list()
                .stream().filter(key -> copied.contains(key.column())).toList();
    }

    /** Which of the values a key refers to its table has. */
    private static Set<String> referenced(JdbcClient db, ForeignKey key, Set<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.sql("SELECT " + quote(key.referencedColumn()) + " FROM " + quote(key.referencedTable())
                        + " WHERE " + quote(key.referencedColumn()) + " IN (:values)")
                .param("values", values).query(String.class).list());
    }

    /**
     * Inserts the v2 rows v3 lacks whose keys point to rows v3 has, each v3 column filled as the plan says; returns
     * the rows inserted.
     */
    static int insertMissing(JdbcClient db, Recreation plan, V2Table v2) {
        Set<String> missing = plan.insertableRows().stream().map(Recreation.V2Row::id).collect(Collectors.toSet());
        String into = plan.columns().stream().filter(c -> c.source() != Recreation.Source.DEFAULT)
                .map(c -> quote(c.column())).collect(Collectors.joining(", "));
        String values = plan.columns().stream().filter(c -> c.source() != Recreation.Source.DEFAULT)
                .map(c -> c.source() == Recreation.Source.COPIED ? "v2." + quote(c.column()) : c.expression())
                .collect(Collectors.joining(", "));
        String row = v2.columns().stream().map(c -> "? AS " + quote(c)).collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + quote(plan.table()) + " (" + into + ") SELECT " + values + " FROM (SELECT " + row + ") v2";
        int inserted = 0;
        for (List<Object> v2Row : v2.rows()) {
            if (missing.contains(Objects.toString(v2.value(v2Row, ID_COLUMN), ""))) {
                inserted += db.sql(sql).params(v2Row).update();
            }
        }
        return inserted;
    }

    private static Recreation.ColumnMapping mapping(String table, TargetColumn column, V2Table v2) {
        if (v2.has(column.name())) {
            return converted(table, column.name(), v2)
                    .map(c -> new Recreation.ColumnMapping(column.name(), Recreation.Source.CONVERTED, c.expression()))
                    .orElse(new Recreation.ColumnMapping(column.name(), Recreation.Source.COPIED, ""));
        }
        Optional<V3ColumnValue> value = PodMigrationRules.newNotNullValue(table, column.name())
                .filter(v -> v2.columns().containsAll(v.v2Columns()));
        if (value.isPresent()) {
            return new Recreation.ColumnMapping(column.name(), Recreation.Source.VALUE, value.get().expression());
        }
        return column.optional() ? new Recreation.ColumnMapping(column.name(), Recreation.Source.DEFAULT, "") : null;
    }

    private static Optional<V3ColumnValue> converted(String table, String column, V2Table v2) {
        return PodMigrationRules.CONVERTED_COLUMNS.stream()
                .filter(c -> c.table().equals(table) && c.column().equals(column) && v2.columns().containsAll(c.v2Columns()))
                .findFirst();
    }

    private static String abbreviate(Object value) {
        String text = Objects.toString(value, "");
        return text.length() <= SHOWN_LENGTH ? text : text.substring(0, SHOWN_LENGTH - 1) + "…";
    }

    /** A foreign key of a single column. */
    private record ForeignKey(String column, String referencedTable, String referencedColumn) {
    }

    /** A v3 column, and whether a row may leave it out (nullable, with a default, or auto-incremented). */
    private record TargetColumn(String name, boolean optional) {
    }
}
