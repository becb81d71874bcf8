package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.Identifiers;

import java.util.Map;

/** Rewrites the text of {@code SHOW CREATE TABLE} into the {@code CREATE TABLE} a dump writes. */
final class CreateTableStatement {

    private static final String CREATE_TABLE = "CREATE TABLE ";
    private static final String AUTO_INCREMENT_OPTION = " AUTO_INCREMENT=";
    private static final String REFERENCES = "REFERENCES ";

    private CreateTableStatement() {
    }

    /**
     * @param showCreateTable   the server's {@code CREATE TABLE `sourceName` (...) ...} text
     * @param ifNotExists       whether to write {@code CREATE TABLE IF NOT EXISTS}
     * @param keepAutoIncrement whether to keep the table option {@code AUTO_INCREMENT=n}
     * @param tableRenames      source → output names, applied to the table itself and to the tables its
     *                          foreign keys reference
     */
    static String rewrite(String showCreateTable, String sourceName, boolean ifNotExists, boolean keepAutoIncrement,
                          Map<String, String> tableRenames) {
        String expectedStart = CREATE_TABLE + Identifiers.quote(sourceName);
        if (!showCreateTable.startsWith(expectedStart)) {
            throw new IllegalStateException("Unexpected SHOW CREATE TABLE output for " + sourceName + ": "
                    + showCreateTable.substring(0, Math.min(80, showCreateTable.length())));
        }
        String body = showCreateTable.substring(expectedStart.length());
        if (!keepAutoIncrement) {
            body = withoutAutoIncrementOption(body);
        }
        for (Map.Entry<String, String> rename : tableRenames.entrySet()) {
            body = body.replace(REFERENCES + Identifiers.quote(rename.getKey()) + " (",
                    REFERENCES + Identifiers.quote(rename.getValue()) + " (");
        }
        return CREATE_TABLE + (ifNotExists ? "IF NOT EXISTS " : "")
                + Identifiers.quote(tableRenames.getOrDefault(sourceName, sourceName)) + body;
    }

    /** Removes {@code AUTO_INCREMENT=n} from the table options, which follow the closing parenthesis of the columns. */
    private static String withoutAutoIncrementOption(String body) {
        int optionsStart = body.lastIndexOf("\n)");
        int option = body.indexOf(AUTO_INCREMENT_OPTION, Math.max(optionsStart, 0));
        if (option < 0) {
            return body;
        }
        int end = option + AUTO_INCREMENT_OPTION.length();
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return body.substring(0, option) + body.substring(end);
    }
}
