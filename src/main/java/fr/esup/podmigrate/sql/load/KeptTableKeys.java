package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.script.KeysAfterRows;
import fr.esup.podmigrate.sql.script.KeysAfterRows.HeldKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The secondary keys and foreign keys of a table whose structure the import keeps (a Pod import's v3 tables): dropped
 * before a long run of its rows and added again once they are in, as {@link HeldKeys} does for a table the script
 * creates. InnoDB then builds each key in one sorted pass instead of inserting every row into it: on a Pod 2.9 dump
 * of 4 M rows into a blank Pod 3.8.4, the server's CPU 16 to 28 % less and the import 9 to 37 % faster, depending on
 * the machine. As every change of structure or keys, these go one table at a time across the import's connections
 * (see {@link ImportWorker.Owner#structureChanges}). Unique keys and checks stay, so that a duplicate row
 * meets the same refusal (or IGNORE) at the same place; foreign keys are not checked either way (the import's sessions
 * check none).
 *
 * <p>The table itself records what it lacks: the ALTER TABLE that drops the keys sets its comment to {@link #MARKER},
 * their definitions and the comment it had, in the same atomic DDL. The record then stays with the table whatever
 * stops the import (a cancel, a failure, a lost server, a killed process), and every import into the database gives
 * back the keys so recorded before its first statement (see {@link #giveAllBack}), and the comment as it was. A
 * checkpoint would not do: it belongs to one script, and an operator may start again with another.
 */
final class KeptTableKeys {

    static final String MARKER = "pod-migrate holds these keys back while an import loads the table's rows;"
            + " the next import into this database adds them again:";
    private static final String COMMENT_LINE = "comment:";
    /** The longest table comment MariaDB stores; beyond it, a session that is not strict would cut the record short. */
    private static final int MAX_COMMENT_CHARS = 2048;

    private KeptTableKeys() {
    }

    /**
     * Drops the table's secondary keys and foreign keys and records them in its comment; nothing when the table is
     * missing, has no such key, has a key {@link KeysAfterRows#of} does not read with certainty, already holds a
     * record, or when the record would not fit in a comment.
     *
     * @return whether the keys are held back
     */
    static boolean hold(Connection connection, String table) throws SQLException {
        String comment = comment(connection, table);
        if (comment == null || comment.startsWith(MARKER)) {
            return false;
        }
        KeysAfterRows split = KeysAfterRows.of(showCreateTable(connection, table));
        if (split == null) {
            return false;
        }
        StringBuilder record = new StringBuilder(MARKER);
        List<String> drops = new ArrayList<>();
        for (HeldKey key : split.keys()) {
            record.append('\n').append(key.definition());
            drops.add((key.foreign() ? "DROP FOREIGN KEY " : "DROP INDEX ") + Identifiers.quote(key.name()));
        }
        record.append('\n').append(COMMENT_LINE).append(comment);
        if (record.codePointCount(0, record.length()) > MAX_COMMENT_CHARS) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + Identifiers.quote(table) + " " + String.join(", ", drops) + ", COMMENT "
                    + literal(record.toString()));
        }
        return true;
    }

    /**
     * Adds back the keys the table's comment records as held, those it lacks, and gives it back its comment; nothing
     * when its comment records none.
     *
     * @throws SQLException naming the table when the server refuses them, or when the record cannot be read
     */
    static void giveBack(Connection connection, String table) throws SQLException {
        String comment = comment(connection, table);
        if (comment == null || !comment.startsWith(MARKER)) {
            return;
        }
        List<String> lines = Arrays.asList(comment.split("\n", -1));
        int commentLine = 1;
        while (commentLine < lines.size() && !lines.get(commentLine).startsWith(COMMENT_LINE)) {
            commentLine++;
        }
        List<HeldKey> keys = commentLine == lines.size() ? null
                : KeysAfterRows.heldKeys(lines.subList(1, commentLine));
        if (keys == null) {
            throw new SQLException("The comment of " + Identifiers.quote(table) + " says that an import held its keys"
                    + " back, but does not say which: compare the table with Pod's own definition of it. " + comment);
        }
        String before = String.join("\n", lines.subList(commentLine, lines.size())).substring(COMMENT_LINE.length());
        String alter = HeldKeys.addMissing(connection, table, keys);
        try (Statement statement = connection.createStatement()) {
            statement.execute((alter == null ? "ALTER TABLE " + Identifiers.quote(table) : alter + ",") + " COMMENT "
                    + literal(before));
        } catch (SQLException e) {
            throw new SQLException("The server refused the keys of " + Identifiers.quote(table) + ", which the import"
                    + " held back while it loaded the table's rows: " + e.getMessage(), e.getSQLState(),
                    e.getErrorCode(), e);
        }
    }

    /** Gives back the keys of every table of the database whose comment records them as held (see {@link #hold}). */
    static void giveAllBack(Connection connection) throws SQLException {
        for (String table : heldTables(connection)) {
            giveBack(connection, table);
        }
    }

    /** The tables of the database whose comment records keys held back, in name order. */
    static List<String> heldTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND LEFT(table_comment, ?) = ?"
                + " ORDER BY table_name")) {
            query.setInt(1, MARKER.length());
            query.setString(2, MARKER);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    /** The table's comment, or null when it is not a base table of the database. */
    private static String comment(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT table_comment FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = ? AND table_type = 'BASE TABLE'")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static String showCreateTable(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet create = statement.executeQuery("SHOW CREATE TABLE " + Identifiers.quote(table))) {
            create.next();
            return create.getString(2);
        }
    }

    /** A string literal as the import's sessions read it: with backslash escapes ({@link ImportWorker#openSession}). */
    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''").replace("\0", "\\0") + "'";
    }
}
