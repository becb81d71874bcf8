package fr.esup.podmigrate.sql;

/** Why an import refuses a script: one of its statements reaches outside the target database. */
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
    /** ALTER USER, RENAME USER, SET PASSWORD, SET DEFAULT ROLE. */
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
    /** INSTALL or UNINSTALL PLUGIN or SONAME. */
    INSTALL_PLUGIN,
    FLUSH,
    RESET,
    /** CHANGE MASTER, START or STOP SLAVE/REPLICA, PURGE BINARY LOGS, BINLOG. */
    CHANGE_MASTER
}
