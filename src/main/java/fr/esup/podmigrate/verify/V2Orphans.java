package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.TableRename;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;
import fr.esup.podmigrate.v3.OrphanedKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static fr.esup.podmigrate.sql.Identifiers.quote;

/** Whether v3's rows that point nowhere already pointed nowhere in v2, under v2's table names. */
final class V2Orphans {

    private V2Orphans() {
    }

    static ForeignKeyOrphans.Check counted(ForeignKeyOrphans.Check check, Connection v2, Collection<String> v3Tables)
            throws SQLException {
        Map<String, String> v2Names = PodMigrationRules.renamesFor(v3Tables).stream()
                .collect(Collectors.toMap(TableRename::v3Table, TableRename::v2Table));
        List<OrphanedKey> orphaned = new ArrayList<>();
        for (OrphanedKey key : check.orphaned()) {
            String table = v2Names.getOrDefault(key.table(), key.table());
            String referenced = v2Names.getOrDefault(key.referencedTable(), key.referencedTable());
            if (hasColumn(v2, table, key.column()) && hasColumn(v2, referenced, key.referencedColumn())) {
                String sql = "SELECT COUNT(*) FROM " + quote(table) + " c WHERE c." + quote(key.column())
                        + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + quote(referenced) + " p WHERE p."
                        + quote(key.referencedColumn()) + " = c." + quote(key.column()) + ")";
                try (Statement statement = v2.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                    rows.next();
                    orphaned.add(key.withV2Rows(rows.getLong(1)));
                }
            } else {
                orphaned.add(key.withV2Rows(0));
            }
        }
        return new ForeignKeyOrphans.Check(check.keysChecked(), orphaned);
    }

    private static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?")) {
            statement.setString(1, table);
            statement.setString(2, column);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
