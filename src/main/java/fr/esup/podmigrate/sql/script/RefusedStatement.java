package fr.esup.podmigrate.sql.script;

/**
 * A statement that makes an import refuse its script.
 *
 * @param line          1-based line where the statement starts
 * @param statementHead the statement's first characters, blanks collapsed (at most 120)
 * @param reason        what it would reach outside the target database
 */
public record RefusedStatement(long line, String statementHead, RefusalReason reason) {
}
