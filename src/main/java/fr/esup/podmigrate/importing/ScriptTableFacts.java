package fr.esup.podmigrate.importing;

import java.util.List;

/**
 * What a podv2.sql says of one of its tables, as the planner needs it.
 *
 * @param columns            the table's columns as the script names them: its {@code CREATE TABLE} order when it has
 *                           one, else the union of its INSERTs' column lists
 * @param positionalInserts  INSERTs without a column list
 * @param positionalBlind    positional INSERTs with no {@code CREATE TABLE} before them to learn the columns from
 * @param replacesRows       the script drops the table or creates it without IF NOT EXISTS: its rows are the table's
 *                           whole content, so the import empties the v3 table first
 */
public record ScriptTableFacts(String table, long statements, long rows, List<String> columns, boolean replacesRows,
                               long positionalInserts, long positionalBlind) {
}
