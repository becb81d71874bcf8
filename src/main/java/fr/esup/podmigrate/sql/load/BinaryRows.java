package fr.esup.podmigrate.sql.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The session a worker sends a data run's rows in when they may go as bytes: with {@code character_set_client} and
 * {@code character_set_connection} binary the server stores each string literal as it came, where it would first
 * read it as utf8mb4 text; that reading is about a fifth of the server's time on a table of long texts (a Pod
 * dump's {@code video_encodinglog}, 154 MB: 2.35 s as text, 1.85 s as bytes). The rows stored are the same when
 * every text column of the table is utf8mb4 (the statements go in UTF-8) and the rows hold literals alone, or
 * expressions known to give the same from bytes ({@link InsertRewrite#sameFromBytes}): a latin1 column would take
 * the UTF-8 bytes as its characters, and a function would see a binary string, not a text.
 */
final class BinaryRows {

    /** Keeps the session's charsets, then reads the statements as bytes. */
    static final List<String> ON = List.of(
            "SET @pm_rows_client = @@character_set_client, @pm_rows_collation = @@collation_connection",
            "SET character_set_client = binary, character_set_connection = binary");
    /** The session's charsets again, as {@link #ON} found them. */
    static final String OFF = "SET character_set_client = @pm_rows_client, collation_connection = @pm_rows_collation";

    private BinaryRows() {
    }

    /** Whether the table exists and every column of it that has a charset has utf8mb4. */
    static boolean utf8mb4Text(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*),"
                + " COALESCE(SUM(character_set_name IS NOT NULL AND character_set_name <> 'utf8mb4'), 0)"
                + " FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0 && rows.getLong(2) == 0;
            }
        }
    }
}
