package fr.esup.podmigrate.sql.script;

/**
 * Why an import refuses a script: one of its statements reaches outside the target database, or would change other
 * rows than those the script inserts, or the session the import runs in.
 */
public enum RefusalReason {
    /** USE of a database that is neither the target nor one the import was told to ignore. */
    USE_OTHER_DATABASE,
    CREATE_DATABASE,
    DROP_DATABASE,
    ALTER_DATABASE,
    /** A table, view or routine named with another database's name: {@code other_db.t}. */
    OTHER_DATABASE_TABLE,
    GRANT,
    REVOKE,
    /** CREATE USER or CREATE ROLE. */
    CREATE_USER,
    /** DROP USER or DROP ROLE. */
    DROP_USER,
    /**
     * ALTER USER, RENAME USER, SET PASSWORD, SET DEFAULT ROLE, SET ROLE (the session takes a role's privileges, as
     * mariadb-dump's --system=users makes it do while it grants them).
     */
    ALTER_USER,
    /** A {@code DEFINER=} clause, also inside an executable comment: the object would run as that account. */
    DEFINER,
    /** LOAD DATA or LOAD XML: reads a file of the server or of the client. */
    LOAD_DATA,
    /** LOAD_FILE(): reads a file of the server. */
    LOAD_FILE,
    /** SELECT ... INTO OUTFILE or INTO DUMPFILE: writes a file on the server. */
    INTO_OUTFILE,
    /** DATA DIRECTORY or INDEX DIRECTORY: puts a table's files elsewhere on the server. */
    FILE_DIRECTORY,
    /** PREPARE ... FROM or EXECUTE IMMEDIATE: SQL built at run time cannot be checked beforehand. */
    DYNAMIC_SQL,
    SHUTDOWN,
    KILL,
    /** SET GLOBAL, SET @@global.x, SET PERSIST: changes the whole server. */
    SET_GLOBAL,
    /** INSTALL or UNINSTALL PLUGIN or SONAME, CREATE FUNCTION ... SONAME: a library of the server loaded into it. */
    INSTALL_PLUGIN,
    FLUSH,
    RESET,
    /** CHANGE MASTER, START or STOP SLAVE/REPLICA, PURGE BINARY LOGS, BINLOG. */
    CHANGE_MASTER,
    /**
     * UPDATE, also of several tables, also in a trigger's or routine's body (a trigger would change rows whenever the
     * import inserts some): a script changes no rows but by inserting its own. Not ON UPDATE CASCADE or
     * CURRENT_TIMESTAMP, a trigger's BEFORE/AFTER UPDATE event, or SELECT ... FOR UPDATE.
     */
    UPDATE,
    /** DELETE, also of several tables, also in a trigger's or routine's body. Not ON DELETE, nor a trigger's event. */
    DELETE,
    /**
     * INSERT or REPLACE whose rows come from a query (SELECT, TABLE, a parenthesised subquery, WITH) rather than from
     * VALUES or SET: rows copied from the target's own tables, which the analysis cannot count. Within a trigger's or
     * routine's body such an INSERT is let through: it only inserts.
     */
    INSERT_SELECT,
    /**
     * The script ends inside an INSERT or REPLACE before its first row (nothing after its VALUES, or the keyword
     * itself cut): read alone, it looks like an {@link #INSERT_SELECT}, but the file was cut short, as a dump stopped
     * by a full disk leaves it, and the tables after the cut are missing. Refused all the same: the client would send
     * it at the end of the file.
     */
    CUT_SHORT_INSERT,
    /**
     * INSERT ... ON DUPLICATE KEY UPDATE: where a row already has the key, the target's row is changed instead of
     * the script's being inserted. No dump tool writes it; INSERT IGNORE or REPLACE say what to do with duplicates.
     */
    ON_DUPLICATE_KEY_UPDATE,
    /**
     * A compound statement sent on its own (BEGIN NOT ATOMIC, IF, CASE, LOOP, WHILE, REPEAT, FOR, or one with a
     * label): the server runs the statements it holds at once. No dump writes one; a routine's or trigger's body is
     * checked statement by statement instead.
     */
    COMPOUND_STATEMENT,
    /**
     * A table of an engine whose rows lie in a file of the server or on another server (CONNECT, FEDERATED,
     * FEDERATEDX, SPIDER), or CREATE, ALTER or DROP SERVER.
     */
    FOREIGN_DATA,
    /** SLEEP() or BENCHMARK() in any expression: holds the import's connections for as long as it says. */
    SLEEP,
    /** DO: evaluates expressions for their effects only (SLEEP(), GET_LOCK()...); no dump writes it. */
    DO,
    /** XA START, XA COMMIT...: a distributed transaction would outlive the statement the import commits. */
    XA,
    /** HANDLER ... OPEN, READ, CLOSE: low-level table access that keeps tables open on a connection; no dump writes it. */
    HANDLER,
    /**
     * A SET of foreign_key_checks, unique_checks, sql_mode, autocommit or time_zone to another value than the
     * import's own (or one a user variable saved), or for one statement: see {@link SessionGuards}.
     */
    SESSION_SETTING,
    /**
     * A SET of one of the settings of {@link #SESSION_SETTING} to a kept value beside another session variable
     * ({@code SET NAMES utf8, sql_mode = ''}): it can be neither skipped whole nor run.
     */
    MIXED_SESSION_SETTING,
    /**
     * A SET of sql_mode with ANSI_QUOTES, or a mode that includes it (ANSI, POSTGRESQL...), as mariadb-dump's
     * {@code --compatible=ansi} writes: the script's tables and columns are named between double quotes, which the
     * import's session reads as strings.
     */
    ANSI_QUOTES
}
