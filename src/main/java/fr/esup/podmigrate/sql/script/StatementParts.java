package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.SqlTokens.Type;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds the parts of a statement's text an import rewrites or decides on: table names, columns, ALTER specs. */
public final class StatementParts {

    /** Words that may come before the table name of the statements whose table an import renames. */
    private static final Set<String> HEAD_WORDS = Set.of("INSERT", "REPLACE", "LOW_PRIORITY", "DELAYED",
            "HIGH_PRIORITY", "IGNORE", "INTO", "CREATE", "OR", "TEMPORARY", "TABLE", "TABLES", "IF", "NOT", "EXISTS",
            "DROP", "ALTER", "ONLINE", "TRUNCATE", "LOCK");
    /** First words of the lines of a CREATE TABLE body that are not columns. */
    private static final Set<String> NOT_COLUMNS = Set.of("KEY", "INDEX", "PRIMARY", "UNIQUE", "CONSTRAINT",
            "FOREIGN", "CHECK", "FULLTEXT", "SPATIAL", "PERIOD");
    /** What an ALTER TABLE may ADD without changing the table's columns. */
    private static final Set<String> ADDED_KEYS = Set.of("CONSTRAINT", "FOREIGN", "KEY", "INDEX", "UNIQUE", "PRIMARY",
            "FULLTEXT", "SPATIAL", "CHECK");

    /** A table name in a statement's text, from its database qualifier (if written) to its end. */
    public record Name(int start, int end, String table) {
    }

    /**
     * @param columns     the columns in order; null when the statement does not list them (LIKE, AS SELECT)
     * @param ifNotExists CREATE TABLE IF NOT EXISTS
     * @param orReplace   CREATE OR REPLACE TABLE
     */
    public record CreateTable(List<String> columns, boolean ifNotExists, boolean orReplace) {
    }

    /**
     * @param onlyKeys  every change is to keys, indexes, constraints or the AUTO_INCREMENT counter: what a dump
     *                  tool adds after the data (phpMyAdmin), or DISABLE/ENABLE KEYS
     * @param renames   the table gets another name
     */
    public record AlterTable(boolean onlyKeys, boolean renames) {
    }

    private StatementParts() {
    }

    /**
     * The table names at the head of an INSERT, REPLACE, CREATE/ALTER/DROP TABLE, TRUNCATE or LOCK TABLES: only the
     * first one, unless the statement takes a list of them (DROP TABLE, LOCK TABLES).
     */
    public static List<Name> headTables(String text, boolean list) {
        SqlTokens tokens = new SqlTokens(text);
        tokens.nextPast(HEAD_WORDS);
        List<Name> names = new ArrayList<>();
        while (tokens.isIdentifier()) {
            names.add(name(tokens));
            if (!list) {
                break;
            }
            while (tokens.peek() == Type.WORD) {
                tokens.next();
            }
            if (!tokens.peekSymbol(',')) {
                break;
            }
            tokens.next();
            tokens.next();
        }
        return names;
    }

    /**
     * Where an INSERT or REPLACE ... VALUES names its table and its columns.
     *
     * @param table          the table name, or null when none is found
     * @param columnsStart   index of the column list's opening parenthesis, or -1 when there is no list
     * @param columnsEnd     index just after its closing parenthesis, or -1
     * @param valuesKeyword  index of the VALUES (or VALUE) keyword
     */
    public record InsertHead(Name table, int columnsStart, int columnsEnd, int valuesKeyword) {
    }

    public static InsertHead insertHead(String text, int valuesOffset) {
        SqlTokens tokens = new SqlTokens(text, 0, valuesOffset);
        tokens.nextPast(HEAD_WORDS);
        Name table = tokens.isIdentifier() ? name(tokens) : null;
        int columnsStart = -1;
        int columnsEnd = -1;
        int valuesKeyword = -1;
        boolean afterPartition = false;
        boolean inPartition = false;
        while (tokens.next() != Type.END) {
            if (tokens.depth() == 0 && (tokens.isWord("VALUES") || tokens.isWord("VALUE"))) {
                valuesKeyword = tokens.start();
                break;
            }
            if (tokens.isSymbol('(') && tokens.depth() == 0 && columnsStart < 0) {
                if (afterPartition) {
                    inPartition = true;
                } else {
                    columnsStart = tokens.start();
                }
            } else if (tokens.isSymbol(')') && tokens.depth() == 0) {
                if (inPartition) {
                    inPartition = false;
                } else if (columnsStart >= 0 && columnsEnd < 0) {
                    columnsEnd = tokens.end();
                }
            }
            afterPartition = tokens.isWord("PARTITION");
        }
        return new InsertHead(table, columnsStart, columnsEnd, valuesKeyword);
    }

    /** The tables a CREATE or ALTER TABLE's foreign keys reference. */
    public static List<Name> referencedTables(String text) {
        SqlTokens tokens = new SqlTokens(text);
        List<Name> names = new ArrayList<>();
        while (tokens.next() != Type.END) {
            if (tokens.isWord("REFERENCES") && tokens.peek() != Type.END) {
                tokens.next();
                if (tokens.isIdentifier()) {
                    names.add(name(tokens));
                }
            }
        }
        return names;
    }

    /** Reads a [database.]table name from the current token, leaving the tokens on its last part. */
    private static Name name(SqlTokens tokens) {
        int start = tokens.start();
        String table = tokens.value();
        if (tokens.peekSymbol('.')) {
            tokens.next();
            tokens.next();
            table = tokens.value();
        }
        return new Name(start, tokens.end(), table);
    }

    /**
     * The character sets of a CREATE TABLE's text, lower-cased, utf8 as utf8mb3: named after CHARSET or CHARACTER SET,
     * or as a collation's after COLLATE ({@code utf8mb4_general_ci} names utf8mb4). A column names one only where it
     * differs from the table's.
     *
     * @param table   those its table options name
     * @param columns those its column definitions name
     */
    record TextCharsets(Set<String> table, Set<String> columns) {

        static TextCharsets of(String createTable) {
            Set<String> table = new HashSet<>();
            Set<String> columns = new HashSet<>();
            SqlTokens tokens = new SqlTokens(createTable);
            String previous = "";
            for (Type type = tokens.next(); type != Type.END; type = tokens.next()) {
                String word = type == Type.WORD ? tokens.value().toUpperCase(Locale.ROOT) : "";
                boolean charset = word.equals("CHARSET") || word.equals("SET") && previous.equals("CHARACTER");
                if (charset || word.equals("COLLATE")) {
                    Set<String> into = tokens.depth() == 0 ? table : columns;
                    if (tokens.peekSymbol('=')) {
                        tokens.next();
                    }
                    if (tokens.next() == Type.END) {
                        break;
                    }
                    String value = ClientCharset.utf8Alias(tokens.value().toLowerCase(Locale.ROOT));
                    into.add(charset || value.indexOf('_') < 0 ? value : value.substring(0, value.indexOf('_')));
                }
                previous = word;
            }
            return new TextCharsets(Set.copyOf(table), Set.copyOf(columns));
        }
    }

    public static CreateTable createTable(String text) {
        boolean ifNotExists = false;
        boolean orReplace = false;
        SqlTokens tokens = new SqlTokens(text);
        Type type = tokens.next();
        while (type == Type.WORD && HEAD_WORDS.contains(tokens.value().toUpperCase(Locale.ROOT))) {
            ifNotExists |= tokens.isWord("EXISTS");
            orReplace |= tokens.isWord("OR");
            type = tokens.next();
        }
        if (!tokens.isIdentifier()) {
            return new CreateTable(null, ifNotExists, orReplace);
        }
        name(tokens);
        if (tokens.next() != Type.SYMBOL || !tokens.isSymbol('(')) {
            return new CreateTable(null, ifNotExists, orReplace);
        }
        List<String> columns = new ArrayList<>();
        boolean definitionStart = true;
        while ((type = tokens.next()) != Type.END) {
            if (tokens.depth() == 0) {
                break;
            }
            if (definitionStart && tokens.depth() == 1) {
                if (tokens.isIdentifier() && !(type == Type.WORD
                        && NOT_COLUMNS.contains(tokens.value().toUpperCase(Locale.ROOT)))) {
                    columns.add(tokens.value());
                }
                definitionStart = false;
            } else if (tokens.depth() == 1 && tokens.isSymbol(',')) {
                definitionStart = true;
            }
        }
        while (tokens.next() != Type.END) {
            if (tokens.isWord("SELECT") || tokens.isWord("AS")) {
                return new CreateTable(null, ifNotExists, orReplace);
            }
        }
        return new CreateTable(List.copyOf(columns), ifNotExists, orReplace);
    }

    public static AlterTable alterTable(String text) {
        SqlTokens tokens = new SqlTokens(text);
        tokens.nextPast(HEAD_WORDS);
        if (!tokens.isIdentifier()) {
            return new AlterTable(false, false);
        }
        name(tokens);
        boolean onlyKeys = true;
        boolean renames = false;
        boolean specStart = true;
        List<String> spec = new ArrayList<>();
        while (true) {
            Type type = tokens.next();
            boolean specEnd = type == Type.END || (tokens.depth() == 0 && tokens.isSymbol(','));
            if (specEnd) {
                if (!spec.isEmpty()) {
                    onlyKeys &= changesOnlyKeys(spec);
                    renames |= spec.get(0).equals("RENAME") && (spec.size() < 2
                            || !Set.of("COLUMN", "INDEX", "KEY", "CONSTRAINT").contains(spec.get(1)));
                }
                if (type == Type.END) {
                    return new AlterTable(onlyKeys, renames);
                }
                spec.clear();
                specStart = true;
            } else if (type == Type.WORD && tokens.depth() == 0) {
                spec.add(tokens.value().toUpperCase(Locale.ROOT));
            } else if (specStart) {
                spec.add("");
            }
            specStart = false;
        }
    }

    private static boolean changesOnlyKeys(List<String> spec) {
        String first = spec.get(0);
        String second = spec.size() > 1 ? spec.get(1) : "";
        return switch (first) {
            case "ADD" -> ADDED_KEYS.contains(second);
            case "MODIFY" -> spec.contains("AUTO_INCREMENT");
            case "AUTO_INCREMENT" -> true;
            case "DISABLE", "ENABLE" -> second.equals("KEYS");
            default -> false;
        };
    }

    /** Whether the word appears in the statement outside quotes, e.g. SELECT in a SET. */
    public static boolean mentions(String text, String upperCaseWord) {
        SqlTokens tokens = new SqlTokens(text);
        while (tokens.next() != Type.END) {
            if (tokens.isWord(upperCaseWord)) {
                return true;
            }
        }
        return false;
    }
}
