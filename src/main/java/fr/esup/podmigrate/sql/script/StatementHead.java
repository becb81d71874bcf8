package fr.esup.podmigrate.sql.script;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * What a statement is, read from its first words only: its kind, its table, and for an INSERT or REPLACE its
 * IGNORE, column list and where its VALUES tuples start. Executable comment marks ({@code /*!40101}, {@code *&#47;})
 * are read as blanks, so a wrapped statement gets the kind of what it wraps.
 */
final class StatementHead {

    private final byte[] bytes;
    private final SqlComments comments;
    private final int from;
    private final int end;
    private int at;

    private StatementKind kind = StatementKind.OTHER;
    private String schema;
    private String table;
    private boolean ignore;
    private List<String> columns = List.of();
    private int valuesStart = -1;
    private int rowCount = -1;

    private StatementHead(byte[] bytes, int from, int length) {
        this.bytes = bytes;
        this.comments = SqlComments.in(bytes);
        this.from = from;
        this.end = from + length;
        this.at = from;
    }

    /**
     * Reads the head of the statement in {@code bytes[from, from + length)}; {@code tuplesFrom} gives the number of
     * parenthesised tuples in the comma-separated run that starts at an offset of the statement.
     */
    static StatementHead read(byte[] bytes, int from, int length, IntUnaryOperator tuplesFrom) {
        StatementHead head = new StatementHead(bytes, from, length);
        head.classify(tuplesFrom);
        return head;
    }

    StatementKind kind() {
        return kind;
    }

    String schema() {
        return schema;
    }

    String table() {
        return table;
    }

    boolean ignore() {
        return ignore;
    }

    List<String> columns() {
        return columns;
    }

    /** Offset in the statement's bytes of the first VALUES tuple, or -1. */
    int valuesStart() {
        return valuesStart;
    }

    int rowCount() {
        return rowCount;
    }

    private void classify(IntUnaryOperator tuplesFrom) {
        String first = word();
        if (first == null) {
            if (symbol('(')) {
                kind = StatementKind.SELECT;
            }
            return;
        }
        switch (first.toUpperCase(Locale.ROOT)) {
            case "CREATE" -> createOrDrop(true);
            case "ALTER" -> alter();
            case "DROP" -> createOrDrop(false);
            case "INSERT" -> insert(StatementKind.INSERT, tuplesFrom);
            case "REPLACE" -> insert(StatementKind.REPLACE, tuplesFrom);
            case "TRUNCATE" -> {
                keyword("TABLE");
                named(StatementKind.TRUNCATE);
            }
            case "RENAME" -> {
                if (keyword("TABLE") || keyword("TABLES")) {
                    named(StatementKind.RENAME_TABLE);
                }
            }
            case "UPDATE" -> {
                skipKeywords("LOW_PRIORITY", "IGNORE");
                named(StatementKind.UPDATE);
            }
            case "DELETE" -> {
                skipKeywords("LOW_PRIORITY", "QUICK", "IGNORE");
                keyword("FROM");
                named(StatementKind.DELETE);
            }
            case "LOAD" -> loadData();
            case "SET" -> kind = StatementKind.SET;
            case "USE" -> {
                kind = StatementKind.USE;
                schema = identifier();
            }
            case "LOCK" -> {
                if (keyword("TABLES") || keyword("TABLE")) {
                    named(StatementKind.LOCK_TABLES);
                }
            }
            case "UNLOCK" -> {
                if (keyword("TABLES") || keyword("TABLE")) {
                    kind = StatementKind.UNLOCK_TABLES;
                }
            }
            case "GRANT" -> kind = StatementKind.GRANT;
            case "REVOKE" -> kind = StatementKind.REVOKE;
            case "START" -> {
                if (keyword("TRANSACTION")) {
                    kind = StatementKind.TRANSACTION;
                }
            }
            case "BEGIN" -> {
                skipBlanks();
                if (at == end || keyword("WORK")) {
                    kind = StatementKind.TRANSACTION;
                }
            }
            case "COMMIT", "ROLLBACK", "SAVEPOINT" -> kind = StatementKind.TRANSACTION;
            case "SELECT", "WITH" -> kind = StatementKind.SELECT;
            default -> kind = StatementKind.OTHER;
        }
    }

    private void createOrDrop(boolean create) {
        if (create) {
            if (keyword("OR")) {
                keyword("REPLACE");
            }
            skipDefinitionOptions();
        } else {
            keyword("TEMPORARY");
        }
        String object = upperWord();
        if (object == null) {
            return;
        }
        switch (object) {
            case "TABLE", "TABLES" -> {
                skipExistenceCheck();
                named(create ? StatementKind.CREATE_TABLE : StatementKind.DROP_TABLE);
            }
            case "DATABASE", "SCHEMA" -> {
                skipExistenceCheck();
                kind = create ? StatementKind.CREATE_DATABASE : StatementKind.DROP_DATABASE;
                schema = identifier();
            }
            case "VIEW" -> {
                skipExistenceCheck();
                named(create ? StatementKind.CREATE_VIEW : StatementKind.DROP_VIEW);
            }
            case "TRIGGER" -> {
                kind = create ? StatementKind.CREATE_TRIGGER : StatementKind.DROP_TRIGGER;
                if (create) {
                    triggerTable();
                }
            }
            case "PROCEDURE", "FUNCTION" -> kind = create ? StatementKind.CREATE_ROUTINE : StatementKind.DROP_ROUTINE;
            case "USER", "ROLE" -> kind = create ? StatementKind.CREATE_USER : StatementKind.DROP_USER;
            default -> kind = StatementKind.OTHER;
        }
    }

    /** A trigger's table is the one it is ON. */
    private void triggerTable() {
        skipExistenceCheck();
        identifier();
        if (symbol('.')) {
            identifier();
        }
        skipKeywords("BEFORE", "AFTER");
        skipKeywords("INSERT", "UPDATE", "DELETE");
        if (keyword("ON")) {
            named(StatementKind.CREATE_TRIGGER);
        }
    }

    private void alter() {
        skipKeywords("ONLINE", "IGNORE");
        if (keyword("TABLE")) {
            named(StatementKind.ALTER_TABLE);
        } else if (keyword("DATABASE") || keyword("SCHEMA")) {
            kind = StatementKind.ALTER_DATABASE;
            if (!peekKeyword("CHARACTER") && !peekKeyword("CHARSET") && !peekKeyword("DEFAULT")
                    && !peekKeyword("COLLATE") && !peekKeyword("COMMENT")) {
                schema = identifier();
            }
        }
    }

    private void insert(StatementKind insertKind, IntUnaryOperator tuplesFrom) {
        skipKeywords("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY");
        ignore = insertKind == StatementKind.INSERT && keyword("IGNORE");
        keyword("INTO");
        named(insertKind);
        if (keyword("PARTITION")) {
            skipGroup();
        }
        skipBlanks();
        if (at < end && bytes[at] == '(' && !startsSubquery()) {
            at++;
            columns = columnList();
        }
        if (keyword("VALUES") || keyword("VALUE")) {
            skipBlanks();
            if (at < end && bytes[at] == '(') {
                valuesStart = at - from;
                rowCount = tuplesFrom.applyAsInt(valuesStart);
            }
        } else if (keyword("SET")) {
            rowCount = 1;
        }
    }

    private void loadData() {
        if (!keyword("DATA") && !keyword("XML")) {
            return;
        }
        kind = StatementKind.LOAD_DATA;
        skipKeywords("LOW_PRIORITY", "CONCURRENT", "LOCAL");
        if (keyword("INFILE")) {
            skipToken();
        }
        skipKeywords("REPLACE", "IGNORE");
        if (keyword("INTO") && keyword("TABLE")) {
            named(StatementKind.LOAD_DATA);
        }
    }

    /** Sets the kind and reads a {@code [schema.]table} name. */
    private void named(StatementKind namedKind) {
        kind = namedKind;
        String first = identifier();
        if (first != null && symbol('.')) {
            schema = first;
            table = identifier();
        } else {
            table = first;
        }
    }

    private List<String> columnList() {
        List<String> names = new ArrayList<>();
        while (!symbol(')')) {
            String name = identifier();
            if (name == null) {
                return List.of();
            }
            names.add(name);
            symbol(',');
        }
        return names;
    }

    private boolean startsSubquery() {
        int saved = at;
        at++;
        boolean subquery = peekKeyword("SELECT") || peekKeyword("WITH") || peekKeyword("VALUES");
        skipBlanks();
        subquery |= at < end && bytes[at] == '(';
        at = saved;
        return subquery;
    }

    /** OR REPLACE is read before; these are the options MariaDB allows between CREATE and the object. */
    private void skipDefinitionOptions() {
        while (true) {
            if (keyword("DEFINER")) {
                symbol('=');
                if (keyword("CURRENT_USER")) {
                    if (symbol('(')) {
                        symbol(')');
                    }
                } else {
                    skipToken();
                    if (symbol('@')) {
                        skipToken();
                    }
                }
            } else if (keyword("ALGORITHM")) {
                symbol('=');
                skipToken();
            } else if (keyword("SQL")) {
                keyword("SECURITY");
                skipToken();
            } else if (!keyword("TEMPORARY") && !keyword("AGGREGATE")) {
                return;
            }
        }
    }

    /** IF EXISTS or IF NOT EXISTS. */
    private void skipExistenceCheck() {
        if (keyword("IF")) {
            keyword("NOT");
            keyword("EXISTS");
        }
    }

    private void skipKeywords(String... keywords) {
        boolean skipped = true;
        while (skipped) {
            skipped = false;
            for (String keyword : keywords) {
                skipped |= keyword(keyword);
            }
        }
    }

    private void skipGroup() {
        skipBlanks();
        if (at >= end || bytes[at] != '(') {
            return;
        }
        int depth = 0;
        while (at < end) {
            byte c = bytes[at];
            if (c == '\'' || c == '"' || c == '`') {
                skipQuoted(c);
                continue;
            }
            at++;
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return;
            }
        }
    }

    private void skipToken() {
        skipBlanks();
        if (at >= end) {
            return;
        }
        byte c = bytes[at];
        if (c == '\'' || c == '"' || c == '`') {
            skipQuoted(c);
        } else if (word() == null) {
            at++;
        }
    }

    /** Skips a quoted string or name starting at {@code at}; a doubled quote or, but in a name, a backslash escapes. */
    private void skipQuoted(byte quote) {
        at++;
        while (at < end) {
            byte c = bytes[at++];
            if (c == '\\' && quote != '`') {
                at++;
            } else if (c == quote) {
                if (at < end && bytes[at] == quote) {
                    at++;
                } else {
                    return;
                }
            }
        }
    }

    /** A bare, backticked or double-quoted name, unquoted; null when none comes next. */
    private String identifier() {
        skipBlanks();
        if (at >= end) {
            return null;
        }
        byte quote = bytes[at];
        if (quote != '`' && quote != '"') {
            return word();
        }
        int start = at + 1;
        skipQuoted(quote);
        int stop = Math.max(start, at - 1);
        String quoted = new String(bytes, start, stop - start, StandardCharsets.UTF_8);
        String doubled = quote == '`' ? "``" : "\"\"";
        return quoted.replace(doubled, doubled.substring(1));
    }

    private String upperWord() {
        String word = word();
        return word == null ? null : word.toUpperCase(Locale.ROOT);
    }

    private String word() {
        skipBlanks();
        int start = at;
        while (at < end && isWordByte(bytes[at])) {
            at++;
        }
        return at == start ? null : new String(bytes, start, at - start, StandardCharsets.UTF_8);
    }

    private boolean keyword(String keyword) {
        if (!peekKeyword(keyword)) {
            return false;
        }
        at += keyword.length();
        return true;
    }

    private boolean peekKeyword(String keyword) {
        skipBlanks();
        int stop = at + keyword.length();
        if (stop > end || (stop < end && isWordByte(bytes[stop]))) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            int c = bytes[at + i];
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            }
            if (c != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean symbol(char symbol) {
        skipBlanks();
        if (at < end && bytes[at] == symbol) {
            at++;
            return true;
        }
        return false;
    }

    /** Skips blanks, comments and executable comment marks ({@code /*!40101}, {@code *&#47;}). */
    private void skipBlanks() {
        at = comments.skip(at, end);
    }

    private static boolean isWordByte(byte c) {
        return c < 0 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || c == '$';
    }
}
