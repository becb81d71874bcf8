package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.sql.load.ImportError;

/**
 * A statement of the script the server refused, as the import job records it and its page shows it.
 *
 * @param message the server's own message, in the server's language
 * @param head    the start of the statement
 */
public record StatementError(long line, String table, int code, String message, String head) {

    static StatementError of(ImportError error) {
        return new StatementError(error.line(), error.table(), error.errorCode(), error.message(), error.statementHead());
    }
}
