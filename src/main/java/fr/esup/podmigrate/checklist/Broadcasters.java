package fr.esup.podmigrate.checklist;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.v2.V2Side;
import fr.esup.podmigrate.v2.V2Table;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checklist's inserts of the tables re-created by hand (broadcasters) on any database, outside the wizard's run:
 * what a rehearsal does to its scratch copy and a replay to the target, through the step's own service.
 */
public final class Broadcasters {

    private Broadcasters() {
    }

    /** The tables the import leaves out for the operator to re-create. */
    public static List<String> recreatedTables() {
        return ChecklistService.recreated();
    }

    /** The re-created tables whose v2 rows v3 lacks and can be inserted now. */
    public static List<String> insertable(DatabaseEndpoint database, V2Side v2) throws SQLException, IOException {
        Map<String, V2Table> rows = v2.tables(recreatedTables());
        List<String> insertable = new ArrayList<>();
        try (Connection connection = database.connect()) {
            Set<String> tables = TableQueries.tables(TableQueries.on(connection));
            for (String table : recreatedTables()) {
                if (tables.contains(table)
                        && Recreations.plan(TableQueries.on(connection), table, rows.get(table)).insertable()) {
                    insertable.add(table);
                }
            }
        }
        return insertable;
    }

    /** Inserts, in one transaction, the v2 rows of {@code table} that the database lacks; returns their number. */
    public static int insertMissing(DatabaseEndpoint database, V2Side v2, String table) throws SQLException, IOException {
        return new ChecklistService(new Databases(database, Optional.empty(), false), v2, null, null)
                .insertMissing(table);
    }
}
