package fr.esup.podmigrate.sql;

/** Names of databases, tables and columns as they go into SQL text. */
public final class Identifiers {

    private Identifiers() {
    }

    /** The name between backticks, its own backticks doubled: MariaDB reads it back whatever it holds. */
    public static String quote(String name) {
        return '`' + name.replace("`", "``") + '`';
    }
}
