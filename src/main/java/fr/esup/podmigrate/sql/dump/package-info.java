/**
 * Dumping a database into a script the {@code mariadb} client imports: {@link fr.esup.podmigrate.sql.dump.DumpWriter}
 * writes every table from one consistent snapshot, on one connection or several, as
 * {@link fr.esup.podmigrate.sql.dump.DumpOptions} say. It knows nothing of reading or loading scripts.
 */
package fr.esup.podmigrate.sql.dump;
