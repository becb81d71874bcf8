package fr.esup.podmigrate.sql.script;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client character set a script's statements are in, followed as the server session follows it through the
 * script's SETs: {@code SET NAMES}, {@code SET CHARACTER SET}, {@code SET character_set_client = ...}, and the user
 * variables that save and restore it ({@code SET @saved_cs_client = @@character_set_client} ...
 * {@code SET character_set_client = @saved_cs_client}). Immutable: a reader's position keeps the one in effect.
 *
 * @param charset        the client character set in effect
 * @param savedInVariables the charsets user variables hold, by lower-cased name
 */
public record ClientCharsetSession(ClientCharset charset, Map<String, ClientCharset> savedInVariables) {

    /** Before any SET: the import session's utf8mb4, also the mariadb client's default on Debian. */
    static final ClientCharsetSession INITIAL = new ClientCharsetSession(ClientCharset.UTF8MB4, Map.of());

    private static final Pattern EXECUTABLE_COMMENT_MARK = Pattern.compile("/\\*M?!\\d*|\\*/");
    private static final Pattern SET = Pattern.compile("(?is)\\s*SET\\s+(.*)");
    private static final Pattern NAMES = Pattern.compile("(?is)(?:NAMES|CHARACTER\\s+SET|CHARSET)\\s+(\\S+).*");
    private static final Pattern CLIENT_VARIABLE = Pattern.compile(
            "(?is)(?:(?:SESSION|LOCAL)\\s+|@@(?:SESSION\\.|LOCAL\\.)?)?character_set_client\\s*:?=\\s*(.+)");
    private static final Pattern USER_VARIABLE = Pattern.compile("(?is)@([\\w$.]+|'[^']*'|`[^`]*`)\\s*:?=\\s*(.+)");
    private static final Pattern CLIENT_VALUE = Pattern.compile("(?i)@@(?:SESSION\\.|LOCAL\\.)?character_set_client");
    private static final Pattern COMMENT_VERSION = Pattern.compile("/\\*M?!(\\d+)");
    /** MySQL 5.7's last version number: the MariaDB servers a Pod site runs on run comments up to it. */
    private static final int HIGHEST_VERSION_RUN = 50799;
    /** What a SET must mention to change the session's client or connection charset. */
    private static final Pattern CONNECTION_CHARSET = Pattern.compile(
            "(?i)\\b(?:NAMES|CHARACTER\\s+SET|CHARSET|character_set_client|character_set_connection|collation_connection)\\b");

    public ClientCharsetSession {
        savedInVariables = Map.copyOf(savedInVariables);
    }

    // A record's own equals and hashCode are made at their first call by an invokedynamic bootstrap, which generates
    // classes of method handles at every start of a verb: these cost nothing to start (see ScriptAnalyzer's ScanKey).
    @Override
    public boolean equals(Object other) {
        return other instanceof ClientCharsetSession session && charset.equals(session.charset)
                && savedInVariables.equals(session.savedInVariables);
    }

    @Override
    public int hashCode() {
        return 31 * charset.hashCode() + savedInVariables.hashCode();
    }

    /** Whether a SET statement may change the session's client or connection character set. */
    public static boolean touchesConnectionCharset(String set) {
        return CONNECTION_CHARSET.matcher(set).find();
    }

    /**
     * Whether this SET, run in a session whose client and connection charsets are utf8mb4, leaves them so: each of its
     * assignments is to a user variable, to a variable that is no charset, or of {@code character_set_client} to
     * utf8mb4, by name or by one of {@code utf8mb4Variables}. Those variables are the session's user variables known to
     * hold utf8mb4; the SET updates them: a variable it assigns {@code @@character_set_client} joins them (when the SET
     * changes no charset), any other it assigns leaves. A SET in an executable comment of a version above 5.7 may not
     * run on the server: it keeps nothing and vouches for no variable.
     */
    public static boolean keepsUtf8mb4(String setStatement, Set<String> utf8mb4Variables) {
        List<String> assignments = assignments(setStatement);
        if (assignments == null) {
            utf8mb4Variables.clear();
            return false;
        }
        boolean runs = runsOnEveryServer(setStatement);
        boolean keeps = runs;
        Set<String> holdingUtf8mb4 = new HashSet<>();
        Set<String> assigned = new HashSet<>();
        for (String trimmed : assignments) {
            Matcher user = USER_VARIABLE.matcher(trimmed);
            Matcher client = CLIENT_VARIABLE.matcher(trimmed);
            if (user.matches()) {
                String variable = unquoted(user.group(1)).toLowerCase(Locale.ROOT);
                assigned.add(variable);
                if (CLIENT_VALUE.matcher(user.group(2).strip()).matches()) {
                    holdingUtf8mb4.add(variable);
                }
            } else if (client.matches()) {
                String value = client.group(1).strip();
                keeps &= unquoted(value).equalsIgnoreCase("utf8mb4") || (value.startsWith("@") && !value.startsWith("@@")
                        && utf8mb4Variables.contains(unquoted(value.substring(1)).toLowerCase(Locale.ROOT)));
                holdingUtf8mb4.clear(); // the order of a SET's assignments is not relied on
            } else if (CONNECTION_CHARSET.matcher(trimmed).find()) {
                keeps = false;
            }
        }
        utf8mb4Variables.removeAll(assigned);
        if (keeps && runs) {
            utf8mb4Variables.addAll(holdingUtf8mb4);
        }
        return keeps;
    }

    /** Whether every executable comment of the statement is of a version any server this import targets runs. */
    private static boolean runsOnEveryServer(String statement) {
        Matcher version = COMMENT_VERSION.matcher(statement);
        while (version.find()) {
            if (version.group(1).length() > 5 || Integer.parseInt(version.group(1)) > HIGHEST_VERSION_RUN) {
                return false;
            }
        }
        return true;
    }

    /** The session after this SET statement: itself when the SET does not touch the client charset. */
    ClientCharsetSession after(String setStatement) {
        List<String> assignments = touchesConnectionCharset(setStatement) ? assignments(setStatement) : null;
        if (assignments == null) {
            return this;
        }
        ClientCharset current = charset;
        Map<String, ClientCharset> variables = new HashMap<>(savedInVariables);
        for (String trimmed : assignments) {
            Matcher names = NAMES.matcher(trimmed);
            Matcher client = CLIENT_VARIABLE.matcher(trimmed);
            Matcher user = USER_VARIABLE.matcher(trimmed);
            if (names.matches()) {
                current = valueOf(names.group(1), current, variables);
            } else if (client.matches()) {
                current = valueOf(client.group(1), current, variables);
            } else if (user.matches()) {
                String variable = unquoted(user.group(1)).toLowerCase(Locale.ROOT);
                ClientCharset value = valueOf(user.group(2), null, variables);
                if (value == null) {
                    variables.remove(variable);
                } else {
                    variables.put(variable, value);
                }
            }
        }
        return new ClientCharsetSession(current, variables);
    }

    /**
     * The charset a value names: a name, quoted or not, DEFAULT, {@code @@character_set_client} or a user variable;
     * {@code otherwise} for anything else (the server refuses it, or it is not a charset).
     */
    private ClientCharset valueOf(String value, ClientCharset otherwise, Map<String, ClientCharset> variables) {
        String v = value.strip();
        if (CLIENT_VALUE.matcher(v).matches()) {
            return charset;
        }
        if (v.startsWith("@@")) {
            return otherwise;
        }
        if (v.startsWith("@")) {
            return variables.getOrDefault(unquoted(v.substring(1)).toLowerCase(Locale.ROOT), otherwise);
        }
        String name = unquoted(v);
        if (name.equalsIgnoreCase("DEFAULT")) {
            return ClientCharset.UTF8MB4;
        }
        return name.matches("[\\w]+") ? ClientCharset.named(name) : otherwise;
    }

    /**
     * The assignments of a SET statement, stripped, split at the commas outside quotes and parentheses, its executable
     * comments' marks aside; null when the statement is no SET.
     */
    private static List<String> assignments(String setStatement) {
        Matcher set = SET.matcher(EXECUTABLE_COMMENT_MARK.matcher(setStatement).replaceAll(" "));
        if (!set.matches()) {
            return null;
        }
        String list = set.group(1);
        List<String> assignments = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                assignments.add(list.substring(start, i).strip());
                start = i + 1;
            }
        }
        assignments.add(list.substring(start).strip());
        return assignments;
    }

    private static String unquoted(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"' || s.charAt(0) == '`')
                && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
