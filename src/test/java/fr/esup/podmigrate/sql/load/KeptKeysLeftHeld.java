package fr.esup.podmigrate.sql.load;

import java.sql.Connection;
import java.sql.SQLException;

/** For tests outside the engine: a table as an import that died while it held the table's keys back leaves it. */
public final class KeptKeysLeftHeld {

    private KeptKeysLeftHeld() {
    }

    /** Drops the table's keys and records them in its comment, as an import does before the table's rows. */
    public static boolean hold(Connection connection, String table) throws SQLException {
        return KeptTableKeys.hold(connection, table);
    }
}
