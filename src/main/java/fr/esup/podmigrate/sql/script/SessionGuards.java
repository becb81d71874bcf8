package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.SqlTokens.Type;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings an import's session owns, set on every connection before the script's statements: foreign_key_checks,
 * unique_checks, sql_mode, autocommit and time_zone. A script's SET of them never runs.
 *
 * <p>Dumps write them in their header and footer: mariadb-dump's and mysqldump's
 * {@code /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 *&#47;} and
 * {@code SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS}, {@code --no-autocommit}'s {@code set autocommit=0},
 * phpMyAdmin's {@code SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO"} and {@code SET time_zone = "+00:00"}. Such a SET, to
 * 0, 1, ON or OFF for the checks and autocommit, to the import's own sql_mode (or the empty one, as lenient) or UTC
 * time zone, or to what a user variable saved, is skipped. To any other value it would change what the import
 * guarantees (no foreign key check while tables load in parallel, one commit per statement, the values stored as
 * written), and the script is refused.
 */
public final class SessionGuards {

    /** What a SET does to the guarded settings. */
    public enum Verdict {
        /** Sets none of them. */
        NONE,
        /** Sets them to the import's values or to saved ones, beside user variables at most: the SET is skipped. */
        KEPT,
        /** Sets one to another value, or for one statement (SET STATEMENT ... FOR): refused. */
        CHANGED,
        /**
         * Sets sql_mode to one with ANSI_QUOTES, in which double quotes name tables and columns, as mariadb-dump's
         * {@code --compatible=ansi} (or postgresql, oracle...) writes: refused, for the script's names are read so.
         */
        ANSI_QUOTES,
        /** Sets one beside another session variable: it can be neither skipped whole nor run, refused. */
        MIXED
    }

    private static final Set<String> SWITCHES = Set.of("0", "1", "ON", "OFF");
    private static final Map<String, Set<String>> KEPT_VALUES = Map.of(
            "FOREIGN_KEY_CHECKS", SWITCHES,
            "UNIQUE_CHECKS", SWITCHES,
            "AUTOCOMMIT", SWITCHES,
            "SQL_MODE", Set.of("NO_AUTO_VALUE_ON_ZERO", ""),
            "TIME_ZONE", Set.of("+00:00", "+0:00", "UTC"));
    /** ANSI_QUOTES and the combined modes that include it. */
    private static final Set<String> MODES_WITH_ANSI_QUOTES = Set.of("ANSI_QUOTES", "ANSI", "DB2", "MAXDB", "MSSQL",
            "ORACLE", "POSTGRESQL");
    private static final Set<String> SCOPES = Set.of("SESSION", "LOCAL", "GLOBAL", "PERSIST", "PERSIST_ONLY");

    private SessionGuards() {
    }

    public static Verdict of(SqlStatement statement) {
        if (statement.kind() != StatementKind.SET) {
            return Verdict.NONE;
        }
        SqlTokens tokens = new SqlTokens(statement.text());
        tokens.next();
        boolean forOneStatement = "STATEMENT".equalsIgnoreCase(tokens.peekWord());
        if (forOneStatement) {
            tokens.next();
        }
        int kept = 0;
        int others = 0;
        boolean changed = false;
        boolean ansiQuotes = false;
        tokens.next();
        while (tokens.type() != Type.END && !(forOneStatement && tokens.isWord("FOR") && tokens.depth() == 0)) {
            Assignment assignment = assignment(tokens, forOneStatement);
            if (assignment.guarded()) {
                ansiQuotes |= assignment.ansiQuotes();
                changed |= forOneStatement || !assignment.kept();
                kept++;
            } else if (!assignment.userVariable()) {
                others++;
            }
        }
        if (ansiQuotes) {
            return Verdict.ANSI_QUOTES;
        }
        if (changed) {
            return Verdict.CHANGED;
        }
        if (kept == 0) {
            return Verdict.NONE;
        }
        return others > 0 ? Verdict.MIXED : Verdict.KEPT;
    }

    private record Assignment(boolean userVariable, boolean guarded, boolean kept, boolean ansiQuotes) {
    }

    /**
     * Reads one assignment from its first token; leaves the tokens on the next assignment's first token, or on the
     * end, or on SET STATEMENT's FOR.
     */
    private static Assignment assignment(SqlTokens tokens, boolean forOneStatement) {
        boolean userVariable = false;
        String scope = "SESSION";
        String variable = "";
        if (tokens.isSymbol('@')) {
            if (tokens.peekSymbol('@')) {
                tokens.next();
                tokens.next();
                variable = name(tokens);
                if (SCOPES.contains(variable) && tokens.peekSymbol('.')) {
                    scope = variable;
                    tokens.next();
                    tokens.next();
                    variable = name(tokens);
                }
            } else {
                userVariable = true;
            }
        } else {
            variable = name(tokens);
            if (SCOPES.contains(variable) && tokens.peek() != Type.SYMBOL) {
                scope = variable;
                tokens.next();
                variable = name(tokens);
            }
        }
        Set<String> keptValues = scope.equals("SESSION") || scope.equals("LOCAL") ? KEPT_VALUES.get(variable) : null;
        Value value = keptValues != null ? assignedValue(tokens) : null;
        boolean kept = value != null && (value.userVariable() || keptValues.contains(value.text()));
        boolean ansiQuotes = value != null && variable.equals("SQL_MODE") && !value.userVariable()
                && Arrays.stream(value.text().split(",")).map(String::strip).anyMatch(MODES_WITH_ANSI_QUOTES::contains);
        while (tokens.type() != Type.END) {
            if (tokens.depth() == 0 && (tokens.isSymbol(',') || forOneStatement && tokens.isWord("FOR"))) {
                if (tokens.isSymbol(',')) {
                    tokens.next();
                }
                break;
            }
            tokens.next();
        }
        return new Assignment(userVariable, keptValues != null, kept, ansiQuotes);
    }

    /** A guarded setting's value: a word or a quoted string, in capitals, or a user variable. */
    private record Value(String text, boolean userVariable) {
    }

    /**
     * From the variable's name: the value of {@code = value} when nothing follows it, or null; leaves the tokens on the
     * token after the value.
     */
    private static Value assignedValue(SqlTokens tokens) {
        if (tokens.next() == Type.SYMBOL && tokens.isSymbol(':')) {
            tokens.next();
        }
        if (!tokens.isSymbol('=')) {
            return null;
        }
        Type type = tokens.next();
        Value value = null;
        if (tokens.isSymbol('@')) {
            if (!tokens.peekSymbol('@') && tokens.next() != Type.END && tokens.type() != Type.SYMBOL) {
                value = new Value(tokens.value(), true);
            }
        } else if (type == Type.WORD || type == Type.SINGLE_QUOTED || type == Type.DOUBLE_QUOTED) {
            value = new Value(tokens.value().toUpperCase(Locale.ROOT), false);
        }
        tokens.next();
        return tokens.type() == Type.END || tokens.isSymbol(',') ? value : null;
    }

    private static String name(SqlTokens tokens) {
        return tokens.type() == Type.WORD || tokens.type() == Type.BACKTICKED
                ? tokens.value().toUpperCase(Locale.ROOT) : "";
    }
}
