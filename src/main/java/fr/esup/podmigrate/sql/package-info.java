/**
 * The SQL engine: no Spring, no Pod. It has three rooms that depend one way: {@code load} on {@code script},
 * {@code dump} on neither. This package holds only what two of them share and depends on none of them: the
 * connections ({@link fr.esup.podmigrate.sql.ConnectionFactory}), identifier quoting
 * ({@link fr.esup.podmigrate.sql.Identifiers}), SQL literals ({@link fr.esup.podmigrate.sql.SqlBytes}), what many tables
 * hold asked in a few statements ({@link fr.esup.podmigrate.sql.TableRows}) and the progress of reading or loading a
 * script ({@link fr.esup.podmigrate.sql.ImportProgress}).
 */
package fr.esup.podmigrate.sql;
