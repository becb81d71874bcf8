package fr.esup.podmigrate.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The column names of a CREATE TABLE statement, in order: what a positional INSERT's values stand for. */
final class CreateTableColumns {

    /** First words of the definitions in a CREATE TABLE that are not columns. */
    private static final Set<String> NOT_COLUMNS = Set.of("PRIMARY", "KEY", "INDEX", "UNIQUE", "CONSTRAINT",
            "FOREIGN", "FULLTEXT", "SPATIAL", "CHECK", "PERIOD");

    private CreateTableColumns() {
    }

    static List<String> of(String createTable) {
        List<String> columns = new ArrayList<>();
        int depth = -1;
        int definitionStart = 0;
        char quote = 0;
        for (int i = 0; i < createTable.length(); i++) {
            char c = createTable.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(' && ++depth == 0) {
                definitionStart = i + 1;
            } else if ((c == ',' && depth == 0) || (c == ')' && depth-- == 0)) {
                column(createTable.substring(definitionStart, i).strip()).ifPresent(columns::add);
                definitionStart = i + 1;
                if (c == ')') {
                    return columns;
                }
            }
        }
        throw new IllegalArgumentException("No column definitions in: "
                + createTable.substring(0, Math.min(80, createTable.length())));
    }

    private static Optional<String> column(String definition) {
        if (definition.startsWith("`")) {
            StringBuilder name = new StringBuilder();
            for (int i = 1; i < definition.length(); i++) {
                char c = definition.charAt(i);
                if (c == '`' && (i + 1 >= definition.length() || definition.charAt(i + 1) != '`')) {
                    break;
                }
                if (c == '`') {
                    i++;
                }
                name.append(c);
            }
            return Optional.of(name.toString());
        }
        String word = definition.split("[\\s(]", 2)[0];
        return word.isEmpty() || NOT_COLUMNS.contains(word.toUpperCase(Locale.ROOT))
                ? Optional.empty() : Optional.of(word);
    }
}
