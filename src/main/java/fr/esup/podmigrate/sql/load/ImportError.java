package fr.esup.podmigrate.sql.load;

/**
 * A statement an import could not execute.
 *
 * @param line          1-based line where the statement starts
 * @param table         the target table it writes or changes, or null
 * @param statementHead the statement's first characters, blanks collapsed (at most 120)
 * @param errorCode     the server's error code; 0 when the import itself could not make the statement (e.g. a
 *                      positional INSERT whose columns it must rewrite but cannot know)
 * @param message       the server's message, or the import's
 */
public record ImportError(long line, String table, String statementHead, int errorCode, String message) {
}
