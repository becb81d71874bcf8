package fr.esup.podmigrate.v3;

import fr.esup.podmigrate.pod.PodMigrationRules;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static fr.esup.podmigrate.sql.Identifiers.quote;

/** Rows whose foreign key points nowhere, for every foreign key the database's schema declares. */
public final class ForeignKeyOrphans {

    private ForeignKeyOrphans() {
    }

    /** What checking the foreign keys of the tables {@code tables} accepts found. */
    public record Check(int keysChecked, List<OrphanedKey> orphaned) {

        public long rows() {
            return orphaned.stream().mapToLong(OrphanedKey::rows).sum();
        }
    }

    public static Check find(JdbcClient db, Predicate<String> tables, int examples) {
        List<ForeignKey> keys = db.sql("SELECT table_name, column_name, referenced_table_name, referenced_column_name"
                        + " FROM information_schema.key_column_usage WHERE table_schema = DATABASE()"
                        + " AND referenced_table_schema = DATABASE() AND referenced_table_name IS NOT NULL"
                        + " ORDER BY table_name, column_name")
                .query((rs, n) -> new ForeignKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list().stream().filter(key -> tables.test(key.table())).toList();
        Map<String, String> primaryKeys = db.sql("SELECT table_name, column_name FROM information_schema.key_column_usage"
                        + " WHERE table_schema = DATABASE() AND constraint_name = 'PRIMARY' AND ordinal_position = 1")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<OrphanedKey> orphaned = new ArrayList<>();
        for (ForeignKey key : keys) {
            String rows = " FROM " + quote(key.table()) + " c WHERE c." + quote(key.column()) + " IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM " + quote(key.referencedTable()) + " p WHERE p."
                    + quote(key.referencedColumn()) + " = c." + quote(key.column()) + ")";
            long count = db.sql("SELECT COUNT(*)" + rows).query(Long.class).single();
            if (count > 0) {
                String id = quote(primaryKeys.getOrDefault(key.table(), PodMigrationRules.ID_COLUMN));
                List<String> ids = db.sql("SELECT c." + id + rows + " ORDER BY c." + id + " LIMIT " + examples)
                        .query(String.class).list();
                orphaned.add(new OrphanedKey(key.table(), key.column(), key.referencedTable(), key.referencedColumn(),
                        count, ids));
            }
        }
        return new Check(keys.size(), orphaned);
    }

    private record ForeignKey(String table, String column, String referencedTable, String referencedColumn) {
    }
}
