/**
 * Reading an SQL script as the {@code mariadb} client does, and what it holds: no database needed.
 * <ul>
 *   <li>reading: {@link fr.esup.podmigrate.sql.script.StatementReader}'s state machine over its
 *   {@code ScriptBuffer} (plain, gzip or zip: {@link fr.esup.podmigrate.sql.script.ScriptCompression}), the
 *   client's own commands ({@code ClientCommandRunner}), the statement's bytes made into a
 *   {@link fr.esup.podmigrate.sql.script.SqlStatement} ({@code StatementBuilder}, {@code InsertTuples}) in the
 *   client's charset;</li>
 *   <li>what a statement is: its head ({@code StatementHead}), tokens ({@link fr.esup.podmigrate.sql.script.SqlTokens},
 *   {@link fr.esup.podmigrate.sql.script.StatementParts}), values
 *   ({@link fr.esup.podmigrate.sql.script.InsertValues});</li>
 *   <li>whether an import may run it ({@link fr.esup.podmigrate.sql.script.StatementInspection},
 *   {@link fr.esup.podmigrate.sql.script.SessionGuards}), and the analysis of a whole script
 *   ({@link fr.esup.podmigrate.sql.script.ScriptAnalyzer}).</li>
 * </ul>
 * Why more than twenty files: the reading and the judging of statements are one pass and one room. The reader
 * records what the analysis reports in its terms ({@code ScriptAnalysis.ScriptLine}) and the analysis reads
 * statements with the reader's tokens; apart, the two would depend on each other. The public types are those
 * {@code sql.load} and the steps use; the rest stays package-private.
 */
package fr.esup.podmigrate.sql.script;
