package fr.esup.podmigrate.sql.script;

/**
 * What a statement does, read from its first keywords. A statement wrapped in an executable comment
 * ({@code /*!40101 SET NAMES utf8mb4 *&#47;}) has the kind of what it wraps.
 */
public enum StatementKind {
    CREATE_TABLE,
    ALTER_TABLE,
    DROP_TABLE,
    RENAME_TABLE,
    TRUNCATE,
    INSERT,
    REPLACE,
    UPDATE,
    DELETE,
    LOAD_DATA,
    SELECT,
    SET,
    USE,
    LOCK_TABLES,
    UNLOCK_TABLES,
    /** START TRANSACTION, BEGIN, COMMIT, ROLLBACK, SAVEPOINT. */
    TRANSACTION,
    CREATE_DATABASE,
    ALTER_DATABASE,
    DROP_DATABASE,
    CREATE_VIEW,
    DROP_VIEW,
    CREATE_TRIGGER,
    DROP_TRIGGER,
    /** CREATE PROCEDURE or CREATE FUNCTION. */
    CREATE_ROUTINE,
    DROP_ROUTINE,
    GRANT,
    REVOKE,
    /** CREATE USER or CREATE ROLE. */
    CREATE_USER,
    DROP_USER,
    OTHER
}
