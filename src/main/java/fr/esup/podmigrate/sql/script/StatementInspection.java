package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.SqlTokens.Type;

import java.util.BitSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a statement for what would reach outside the target database or change other rows than those the script
 * inserts, and notes the character sets and collations it names. All of a statement is read (routine, trigger and
 * event bodies, executable comments), but for an INSERT or REPLACE ... VALUES whose tuples hold literals only, what
 * precedes and follows the tuples: a dump's megabytes of values are not read again. The statements a body holds are
 * checked as statements: where one starts (after BEGIN, THEN, DO, FOR EACH ROW, a routine's parameters, a semicolon),
 * its first words are read as a statement's are.
 *
 * <p>A database name is looked for where a table, view or routine name comes: after FROM or JOIN in a query,
 * INTO, UPDATE, TABLE, REFERENCES, CALL..., and in the lists that follow them. {@code t.col} elsewhere is a column.
 */
final class StatementInspection {

    private static final Set<String> NAME_INTRODUCERS = Set.of("INTO", "UPDATE", "TABLE", "TABLES", "REFERENCES",
            "TRUNCATE", "TO", "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "CALL");
    private static final Set<String> QUERY_NAME_INTRODUCERS = Set.of("FROM", "JOIN");
    private static final Set<String> GLOBAL_SCOPES = Set.of("GLOBAL", "PERSIST", "PERSIST_ONLY");
    private static final Set<String> EXISTENCE_WORDS = Set.of("IF", "NOT", "EXISTS");
    /** The words before an UPDATE or DELETE that is a trigger's event or a foreign key's action, not a statement. */
    private static final Set<String> TRIGGER_EVENT_OR_ACTION = Set.of("BEFORE", "AFTER", "ON");
    /** The first words of a compound statement, which runs the statements it holds as soon as it is sent. */
    private static final Set<String> COMPOUND_VERBS = Set.of("IF", "CASE", "LOOP", "WHILE", "REPEAT", "FOR");
    /** The kinds of object whose body holds statements: created, they run them later, as the import inserts rows. */
    private static final Set<String> PROGRAMS = Set.of("TRIGGER", "PROCEDURE", "FUNCTION", "EVENT");
    /**
     * What a statement of a body follows: a compound statement's keyword, a trigger's FOR EACH ROW, an event's DO, a
     * routine's parameter list or characteristics.
     */
    private static final Set<String> BODY_STATEMENT_STARTS = Set.of("BEGIN", "ATOMIC", "THEN", "ELSE", "DO", "LOOP",
            "REPEAT", "ROW", ":", ")", "SQL", "DETERMINISTIC", "DATA", "INVOKER");
    /** Engines whose tables' rows lie in a file of the server (CONNECT) or on another server. */
    private static final Set<String> FOREIGN_ENGINES = Set.of("CONNECT", "FEDERATED", "FEDERATEDX", "SPIDER");

    private final Predicate<String> ownDatabase;
    private final Predicate<String> ignoredUse;
    private final Set<String> charsets;
    private final Set<String> collations;

    /**
     * @param ownDatabase the databases a qualified name may name (compared exactly, as the server does on Linux)
     * @param ignoredUse  the databases a USE may name, to be skipped
     * @param charsets    receives the character sets named, lower-cased
     * @param collations  receives the collations named, lower-cased
     */
    StatementInspection(Predicate<String> ownDatabase, Predicate<String> ignoredUse, Set<String> charsets,
                        Set<String> collations) {
        this.ownDatabase = ownDatabase;
        this.ignoredUse = ignoredUse;
        this.charsets = charsets;
        this.collations = collations;
    }

    /** Why the statement must not run, or null when it may. */
    RefusalReason refusal(SqlStatement statement) {
        RefusalReason byKind = switch (statement.kind()) {
            case USE -> statement.schema() != null && ignoredUse.test(statement.schema())
                    ? null : RefusalReason.USE_OTHER_DATABASE;
            // mariadb-dump --databases and phpMyAdmin create the dumped database before using it: the script's own.
            case CREATE_DATABASE -> statement.schema() != null && ignoredUse.test(statement.schema())
                    ? null : RefusalReason.CREATE_DATABASE;
            case DROP_DATABASE -> RefusalReason.DROP_DATABASE;
            case ALTER_DATABASE -> RefusalReason.ALTER_DATABASE;
            case GRANT -> RefusalReason.GRANT;
            case REVOKE -> RefusalReason.REVOKE;
            case CREATE_USER -> RefusalReason.CREATE_USER;
            case DROP_USER -> RefusalReason.DROP_USER;
            case LOAD_DATA -> RefusalReason.LOAD_DATA;
            case UPDATE -> RefusalReason.UPDATE;
            case DELETE -> RefusalReason.DELETE;
            case INSERT, REPLACE -> statement.valuesOffset() < 0 && statement.rowCount() != 1
                    ? RefusalReason.INSERT_SELECT : null;
            default -> null;
        };
        if (byKind != null || statement.kind() == StatementKind.USE || statement.kind() == StatementKind.CREATE_DATABASE) {
            return byKind;
        }
        if (statement.schema() != null && !ownDatabase.test(statement.schema())) {
            return RefusalReason.OTHER_DATABASE_TABLE;
        }
        String text = statement.text();
        boolean literalTuples = (statement.kind() == StatementKind.INSERT || statement.kind() == StatementKind.REPLACE)
                && statement.valuesOffset() >= 0 && !statement.valuesNested();
        SqlTokens tokens = new SqlTokens(text, 0, literalTuples ? statement.valuesOffset() : text.length());
        RefusalReason reason = new Walk(tokens, statement.kind() == StatementKind.CREATE_TABLE).run();
        if (reason == null && literalTuples && statement.valuesEnd() >= 0) {
            reason = new Walk(new SqlTokens(text, statement.valuesEnd(), text.length()), false).rest();
        }
        if (reason == null) {
            reason = switch (SessionGuards.of(statement)) {
                case CHANGED -> RefusalReason.SESSION_SETTING;
                case MIXED -> RefusalReason.MIXED_SESSION_SETTING;
                case ANSI_QUOTES -> RefusalReason.ANSI_QUOTES;
                case NONE, KEPT -> null;
            };
        }
        return reason;
    }

    /** One pass over a statement's tokens. */
    private final class Walk {
        private final SqlTokens tokens;
        private final boolean createTable;
        /** Depths whose parenthesis opens a query, where FROM and JOIN name tables. */
        private final BitSet queryDepths = new BitSet();
        private String previous = "";
        private String beforePrevious = "";
        private boolean setStatement;
        private boolean indexStatement;
        /** Whether the statement creates a trigger, routine or event, whose body holds statements. */
        private boolean program;
        /** The name just read, when a dot follows it. */
        private String qualifier;
        /** The name before the dot just read. */
        private String calledDatabase;

        Walk(SqlTokens tokens, boolean createTable) {
            this.tokens = tokens;
            this.createTable = createTable;
            queryDepths.set(0);
        }

        RefusalReason run() {
            if (tokens.next() != Type.WORD) {
                return null;
            }
            String verb = upper();
            if (COMPOUND_VERBS.contains(verb) || verb.equals("BEGIN") && "NOT".equalsIgnoreCase(tokens.peekWord())
                    || tokens.peekSymbol(':')) {
                return RefusalReason.COMPOUND_STATEMENT;
            }
            shift(verb);
            RefusalReason reason = verb(verb);
            if (reason != null) {
                return reason;
            }
            setStatement = verb.equals("SET");
            if (setStatement && (reason = assignment()) != null) {
                return reason;
            }
            return rest();
        }

        /** Reads the tokens left. */
        RefusalReason rest() {
            while (tokens.next() != Type.END) {
                RefusalReason reason = token();
                if (reason != null) {
                    return reason;
                }
            }
            return null;
        }

        private RefusalReason verb(String verb) {
            return switch (verb) {
                case "SHUTDOWN" -> RefusalReason.SHUTDOWN;
                case "KILL" -> RefusalReason.KILL;
                case "FLUSH" -> RefusalReason.FLUSH;
                case "RESET" -> RefusalReason.RESET;
                case "INSTALL", "UNINSTALL" -> RefusalReason.INSTALL_PLUGIN;
                case "CHANGE", "PURGE", "BINLOG" -> RefusalReason.CHANGE_MASTER;
                case "UPDATE" -> RefusalReason.UPDATE;
                case "DELETE" -> RefusalReason.DELETE;
                case "DO" -> RefusalReason.DO;
                case "XA" -> RefusalReason.XA;
                case "HANDLER" -> RefusalReason.HANDLER;
                case "START", "STOP" -> nextWordIn("SLAVE", "REPLICA", "ALL") ? RefusalReason.CHANGE_MASTER : null;
                case "ALTER", "RENAME" -> nextWordIn("USER") ? RefusalReason.ALTER_USER
                        : previous.equals("SERVER") ? RefusalReason.FOREIGN_DATA : null;
                case "CREATE", "DROP" -> {
                    indexStatement = nextWordIn("INDEX", "UNIQUE", "FULLTEXT", "SPATIAL");
                    program |= verb.equals("CREATE") && PROGRAMS.contains(previous);
                    yield previous.equals("SERVER") ? RefusalReason.FOREIGN_DATA : null;
                }
                default -> null;
            };
        }

        /**
         * Whether the current word starts a statement inside this one: in a body, or after a semicolon (a statement
         * a lost delimiter ran on with, which the server would refuse, checked all the same).
         */
        private boolean startsInnerStatement() {
            return previous.equals(";") || program && BODY_STATEMENT_STARTS.contains(previous) && tokens.depth() == 0;
        }

        /** A statement inside this one, from its first word (the current token), as the statement's kind would tell. */
        private RefusalReason innerStatement(String word) {
            shift(word);
            return switch (word) {
                case "GRANT" -> RefusalReason.GRANT;
                case "REVOKE" -> RefusalReason.REVOKE;
                case "LOAD" -> RefusalReason.LOAD_DATA;
                case "USE" -> RefusalReason.USE_OTHER_DATABASE;
                case "SET" -> {
                    setStatement = true;
                    yield assignment();
                }
                case "CREATE", "DROP", "ALTER" -> {
                    String object = tokens.peekWord() == null ? "" : tokens.peekWord().toUpperCase(Locale.ROOT);
                    yield switch (object) {
                        case "DATABASE", "SCHEMA" -> word.equals("CREATE") ? RefusalReason.CREATE_DATABASE
                                : word.equals("DROP") ? RefusalReason.DROP_DATABASE : RefusalReason.ALTER_DATABASE;
                        case "USER", "ROLE" -> word.equals("CREATE") ? RefusalReason.CREATE_USER
                                : word.equals("DROP") ? RefusalReason.DROP_USER : RefusalReason.ALTER_USER;
                        default -> verb(word);
                    };
                }
                default -> verb(word);
            };
        }

        private boolean nextWordIn(String... words) {
            if (tokens.peek() != Type.WORD) {
                return false;
            }
            tokens.next();
            String word = upper();
            shift(word);
            return Set.of(words).contains(word);
        }

        private RefusalReason token() {
            if (qualifiedCall()) {
                return RefusalReason.OTHER_DATABASE_TABLE;
            }
            if (tokens.type() == Type.SYMBOL) {
                return symbol(tokens.value().charAt(0));
            }
            if (tokens.type() == Type.WORD && startsInnerStatement()) {
                return innerStatement(upper());
            }
            if (tokens.type() == Type.WORD) {
                RefusalReason reason = word(upper());
                if (reason != null || tokens.type() != Type.WORD) {
                    return reason;
                }
            } else if (introducesName() && tokens.isIdentifier()) {
                return names();
            }
            shift(upper());
            return null;
        }

        private RefusalReason symbol(char symbol) {
            if (symbol == '=' && previous.equals("DEFINER")) {
                return RefusalReason.DEFINER;
            }
            if (symbol == '(' && previous.equals("LOAD_FILE")) {
                return RefusalReason.LOAD_FILE;
            }
            if (symbol == '(' && (previous.equals("SLEEP") || previous.equals("BENCHMARK"))) {
                return RefusalReason.SLEEP;
            }
            if (symbol == '(') {
                queryDepths.clear(tokens.depth() + 1);
            }
            if (symbol == ';') {
                setStatement = false;
            }
            shift(String.valueOf(symbol));
            if (symbol == ',' && setStatement && tokens.depth() == 0) {
                return assignment();
            }
            return null;
        }

        /** Checks a word; leaves the tokens on it unless it read a name list (then on the list's last token). */
        private RefusalReason word(String word) {
            switch (word) {
                case "OUTFILE", "DUMPFILE" -> {
                    return previous.equals("INTO") ? RefusalReason.INTO_OUTFILE : null;
                }
                case "DIRECTORY" -> {
                    return previous.equals("DATA") || previous.equals("INDEX") ? RefusalReason.FILE_DIRECTORY : null;
                }
                case "IMMEDIATE" -> {
                    return previous.equals("EXECUTE") ? RefusalReason.DYNAMIC_SQL : null;
                }
                case "SONAME" -> {
                    // SONAME 'library.so': a column of that name is followed by something else
                    Type next = tokens.peek();
                    return next == Type.SINGLE_QUOTED || next == Type.DOUBLE_QUOTED ? RefusalReason.INSTALL_PLUGIN
                            : null;
                }
                case "UPDATE" -> {
                    if (previous.equals("KEY") && beforePrevious.equals("DUPLICATE")) {
                        return RefusalReason.ON_DUPLICATE_KEY_UPDATE;
                    }
                    // ON UPDATE CASCADE or CURRENT_TIMESTAMP, a trigger's event, SELECT ... FOR UPDATE (but SET
                    // STATEMENT ... FOR UPDATE t, a statement)
                    boolean notAStatement = TRIGGER_EVENT_OR_ACTION.contains(previous)
                            || previous.equals("FOR") && !setStatement;
                    if (!notAStatement) {
                        return RefusalReason.UPDATE;
                    }
                }
                case "DELETE" -> {
                    if (!TRIGGER_EVENT_OR_ACTION.contains(previous)) {
                        return RefusalReason.DELETE;
                    }
                }
                case "FROM" -> {
                    if (beforePrevious.equals("PREPARE")) {
                        return RefusalReason.DYNAMIC_SQL;
                    }
                }
                case "SELECT", "WITH" -> {
                    if (previous.equals("(")) {
                        queryDepths.set(tokens.depth());
                    }
                }
                case "CHARSET", "COLLATE" -> noteValue(word.equals("COLLATE") ? collations : charsets);
                case "SET" -> {
                    if (previous.equals("CHARACTER")) {
                        noteValue(charsets);
                    }
                }
                default -> {
                    if (PROGRAMS.contains(word)) {
                        program |= previous.equals("CREATE") || previous.equals("REPLACE")
                                || previous.equals("AGGREGATE");
                    } else if (FOREIGN_ENGINES.contains(word) && (previous.equals("ENGINE")
                            || previous.equals("=") && beforePrevious.equals("ENGINE"))) {
                        return RefusalReason.FOREIGN_DATA;
                    }
                }
            }
            if (tokens.type() == Type.WORD && introducesName()) {
                return names();
            }
            return null;
        }

        private boolean introducesName() {
            if (NAME_INTRODUCERS.contains(previous)) {
                return !previous.equals("UPDATE") || !(beforePrevious.equals("KEY") || beforePrevious.equals("ON"));
            }
            if (QUERY_NAME_INTRODUCERS.contains(previous)) {
                return queryDepths.get(tokens.depth());
            }
            if (previous.equals("LIKE")) {
                return createTable && tokens.depth() == 0;
            }
            return previous.equals("ON") && indexStatement;
        }

        /** One assignment of a SET, from its start: the scope and the variable it sets. */
        private RefusalReason assignment() {
            Type type = tokens.next();
            if (type == Type.SYMBOL && tokens.isSymbol('@')) {
                shift("@");
                if (!tokens.peekSymbol('@')) {
                    return null;
                }
                tokens.next();
                shift("@");
                type = tokens.next();
            }
            if (type != Type.WORD) {
                return type == Type.END ? null : token();
            }
            String word = upper();
            shift(word);
            if (GLOBAL_SCOPES.contains(word)) {
                return RefusalReason.SET_GLOBAL;
            }
            if (word.equals("SESSION") || word.equals("LOCAL")) {
                if (tokens.peekSymbol('.')) {
                    tokens.next();
                }
                if (tokens.next() != Type.WORD) {
                    return null;
                }
                word = upper();
                shift(word);
            }
            switch (word) {
                case "PASSWORD", "ROLE" -> {
                    return RefusalReason.ALTER_USER;
                }
                case "DEFAULT" -> {
                    return nextWordIn("ROLE") ? RefusalReason.ALTER_USER : null;
                }
                case "NAMES" -> noteValue(charsets);
                default -> {
                    if (word.startsWith("CHARACTER_SET_")) {
                        noteValue(charsets);
                    } else if (word.startsWith("COLLATION_")) {
                        noteValue(collations);
                    }
                }
            }
            return null;
        }

        /**
         * A comma-separated list of names from the current token, each maybe followed by an alias or a lock type;
         * leaves the tokens on the list's last token.
         */
        private RefusalReason names() {
            while (tokens.type() == Type.WORD && EXISTENCE_WORDS.contains(upper())) {
                shift(upper());
                if (!isNameNext()) {
                    return null;
                }
                tokens.next();
            }
            while (true) {
                RefusalReason reason = qualifiedName();
                if (reason != null) {
                    return reason;
                }
                for (int words = 0; words < 2 && isNameNext() && !nextIsIntroducer(); words++) {
                    tokens.next();
                    shift(upper());
                }
                if (!tokens.peekSymbol(',')) {
                    return null;
                }
                tokens.next();
                shift(",");
                if (!isNameNext()) {
                    return null;
                }
                tokens.next();
            }
        }

        private boolean isNameNext() {
            Type next = tokens.peek();
            return next == Type.WORD || next == Type.BACKTICKED || next == Type.DOUBLE_QUOTED;
        }

        private boolean nextIsIntroducer() {
            String next = tokens.peekWord();
            if (next == null) {
                return false;
            }
            String word = next.toUpperCase(Locale.ROOT);
            return NAME_INTRODUCERS.contains(word) || QUERY_NAME_INTRODUCERS.contains(word) || word.equals("SELECT")
                    || word.equals("LIKE");
        }

        /**
         * Whether the current token names a routine of another database, called: {@code other_db.f(...)}, which
         * no FROM, INTO or CALL introduces.
         */
        private boolean qualifiedCall() {
            boolean name = tokens.type() == Type.WORD || tokens.type() == Type.BACKTICKED;
            String database = calledDatabase;
            calledDatabase = tokens.type() == Type.SYMBOL && tokens.value().equals(".") ? qualifier : null;
            qualifier = name && tokens.peekSymbol('.') ? tokens.value() : null;
            return name && database != null && tokens.peekSymbol('(') && !ownDatabase.test(database);
        }

        /** The current token is a name; a dot and another name after it make the first one a database. */
        private RefusalReason qualifiedName() {
            String first = tokens.value();
            shift(upper());
            if (!tokens.peekSymbol('.')) {
                return null;
            }
            tokens.next();
            tokens.next();
            shift("");
            return ownDatabase.test(first) ? null : RefusalReason.OTHER_DATABASE_TABLE;
        }

        /** Notes the value after an optional {@code =}, unless it is a variable or DEFAULT. */
        private void noteValue(Set<String> into) {
            if (tokens.peekSymbol('=')) {
                tokens.next();
                shift("=");
            }
            Type next = tokens.peek();
            if (next == Type.WORD || next == Type.SINGLE_QUOTED || next == Type.DOUBLE_QUOTED
                    || next == Type.BACKTICKED) {
                tokens.next();
                String value = tokens.value().toLowerCase(Locale.ROOT);
                shift(upper());
                if (!value.equals("default") && !value.isEmpty()) {
                    into.add(value);
                }
            }
        }

        private void shift(String token) {
            beforePrevious = previous;
            previous = token;
        }

        private String upper() {
            return tokens.type() == Type.WORD ? tokens.value().toUpperCase(Locale.ROOT) : "";
        }
    }
}
