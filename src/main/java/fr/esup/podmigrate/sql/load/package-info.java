/**
 * Loading a script into a database: {@link fr.esup.podmigrate.sql.load.Importer} reads it with
 * {@code sql.script} (refusing it before anything runs when it reaches outside the target), plans each statement
 * ({@code ImportPlanner}, {@code InsertRewriter}), runs the tables' INSERTs on parallel workers, keeps the ledger
 * and the checkpoint a resumed import starts from, reads the server's warnings and counts what the tables hold,
 * and holds the target's lock ({@link fr.esup.podmigrate.sql.load.TargetLock}) meanwhile.
 */
package fr.esup.podmigrate.sql.load;
