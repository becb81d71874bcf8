package fr.esup.podmigrate.sql.script;

import java.util.HashSet;

/**
 * Follows a script's USE lines, statement by statement in script order, to tell which database's section each
 * statement belongs to: a script made with {@code mariadb-dump --databases a b} or {@code --all-databases} holds
 * several databases, each section opened by {@code CREATE DATABASE ...; USE ...;}.
 *
 * <p>A SET of the session belongs to no database: the session goes on from section to section, as it does when the
 * client runs the script. Dumps appended one to another need it: each one's header saves the session's time zone
 * before its USE, in the section before, and its trailer sets it back in its own.
 */
public final class DatabaseSections {

    private final String source;
    /** Reads SETs only, for whether they reach outside the session: any name of a database does. */
    private final StatementInspection sessionCheck = new StatementInspection(database -> false, database -> false,
            new HashSet<>(), new HashSet<>());
    private String current;

    /** @param source the database whose section is imported; null for a script of one database, whatever it uses */
    public DatabaseSections(String source) {
        this.source = source;
        this.current = source;
    }

    /**
     * The database whose section the statement belongs to: the one a USE switches to, the one a CREATE, ALTER or
     * DROP DATABASE names, else the current one; null for a SET of the session only, and before any USE of a script
     * without a source database. The source database is named as it was given, whatever the case the script writes
     * it in.
     */
    public String sectionOf(SqlStatement statement) {
        switch (statement.kind()) {
            case SET -> {
                if (sessionCheck.refusal(statement) == null) {
                    return null;
                }
            }
            case USE -> {
                if (statement.schema() != null) {
                    current = named(statement.schema());
                }
            }
            case CREATE_DATABASE, ALTER_DATABASE, DROP_DATABASE -> {
                if (statement.schema() != null) {
                    return named(statement.schema());
                }
            }
            default -> { }
        }
        return current;
    }

    /** Whether the next statement of the script, read in order, is the source database's (or the session's). */
    public boolean inSource(SqlStatement statement) {
        return !skips(sectionOf(statement));
    }

    /** Whether a section is another database's than the source's: its statements never run. */
    public boolean skips(String section) {
        return source != null && section != null && !section.equals(source);
    }

    private String named(String database) {
        return database.equalsIgnoreCase(source) ? source : database;
    }
}
