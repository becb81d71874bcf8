package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.script.ReplicationStatements;
import fr.esup.podmigrate.sql.script.SessionGuards;

/** Why an import did not execute a statement of the script. */
public enum SkipReason {
    /**
     * A USE, or a CREATE DATABASE, of the target, of an allowed database or of the source database (the script's
     * own): the import writes the target whatever the script says.
     */
    USE_NEUTRALISED,
    /**
     * A statement of another database's section than the source database's, in a script of several databases (but a
     * SET of the session: the session goes on from section to section).
     */
    OTHER_DATABASE,
    /** The dumped server's replication lines: see {@link ReplicationStatements}. */
    REPLICATION,
    /**
     * A SET of foreign_key_checks, unique_checks, sql_mode, autocommit or time_zone the import's session keeps as it
     * sets them: see {@link SessionGuards}.
     */
    SESSION_KEPT,
    /** LOCK TABLES, UNLOCK TABLES: meaningless when several connections load the tables. */
    LOCK_TABLES,
    /** START TRANSACTION, BEGIN, COMMIT, ROLLBACK, SAVEPOINT: each statement commits on its own. */
    TRANSACTION_CONTROL,
    /** A plain CREATE TABLE of a table the target already has. */
    TABLE_EXISTS,
    /** CREATE TABLE, DROP TABLE and other structure changes, when the target's structure is kept. */
    STRUCTURE_KEPT,
    /**
     * An ALTER TABLE that only adds keys, indexes or constraints, sets AUTO_INCREMENT, or disables or enables keys,
     * when the target's structure is kept.
     */
    KEYS_KEPT,
    /** A statement of a table the import was told to leave out. */
    EXCLUDED_TABLE,
    /** A statement of a table the target lacks, when its structure is kept. */
    MISSING_TABLE,
    /** Done by the run this one resumes. */
    ALREADY_DONE
}
