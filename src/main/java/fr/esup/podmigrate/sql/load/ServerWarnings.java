package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.script.InsertValues;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The warnings the server gave for one INSERT or REPLACE, read as what happened to its rows: values it changed, per
 * column and kind, and rows a key refused, per key; each with the primary keys of the first rows concerned, taken
 * from the statement's own tuples. Only statements that have warnings are read again, so this costs nothing on rows
 * the server stored as they were.
 */
final class ServerWarnings {

    static final int LISTED_KEYS = 5;
    private static final int ER_DUP_ENTRY = 1062;
    private static final Pattern ROW = Pattern.compile(" at row (\\d+)\\s*$");
    private static final Pattern COLUMN = Pattern.compile("column (?:`[^`]*`\\.`[^`]*`\\.)?[`']([^`']+)[`']");
    private static final Pattern NULL_COLUMN = Pattern.compile("^Column '([^']+)' cannot be null");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate entry '(.*)' for key '([^']+)'\\s*$",
            Pattern.DOTALL);

    /** A warning as the server gave it. */
    record Warning(int code, String message) {
    }

    /**
     * What happened to some rows of the statement.
     *
     * @param refused true for rows a unique key refused ({@code name} is the key), false for values the server
     *                changed ({@code name} is the column, empty when the warning names none)
     * @param keys    primary keys of the first rows concerned, as "1" or "(1, 'a')"; empty when they cannot be told
     * @param sample  the first warning's message
     */
    record Issue(boolean refused, String name, ValueChange change, long rows, List<String> keys, String sample) {
    }

    private static final class Group {
        final boolean refused;
        final String name;
        final ValueChange change;
        final String sample;
        long rows;
        final List<Integer> rowNumbers = new ArrayList<>();
        /** Duplicate entries, each with how many of the statement's tuples it refused. */
        final Map<String, Integer> entries = new LinkedHashMap<>();
        final List<String> keys = new ArrayList<>();

        Group(boolean refused, String name, ValueChange change, String sample) {
            this.refused = refused;
            this.name = name;
            this.change = change;
            this.sample = sample;
        }

        Issue issue() {
            return new Issue(refused, name, change, rows, List.copyOf(keys), sample);
        }
    }

    private ServerWarnings() {
    }

    /**
     * @param statement the statement as it was executed
     * @param table     the columns and keys of its table ({@link TableKeys#UNKNOWN} when unknown: then no key is
     *                  named)
     */
    static List<Issue> read(String statement, List<Warning> warnings, TableKeys table) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Warning warning : warnings) {
            classify(warning, groups, table);
        }
        if (!table.primaryKey().isEmpty()) {
            try {
                nameRows(statement, groups.values(), table);
            } catch (IOException | RuntimeException e) {
                // an unreadable tuple only costs the names of the rows: the counts stand
            }
        }
        return groups.values().stream().map(Group::issue).toList();
    }

    private static void classify(Warning warning, Map<String, Group> groups, TableKeys table) {
        String message = Objects.requireNonNullElse(warning.message(), "");
        if (warning.code() == ER_DUP_ENTRY) {
            Matcher duplicate = DUPLICATE.matcher(message);
            String key = duplicate.matches() ? duplicate.group(2) : "";
            Group group = groups.computeIfAbsent("key " + key, k -> new Group(true, key, ValueChange.OTHER, message));
            group.rows++;
            if (duplicate.matches() && (group.entries.size() < LISTED_KEYS || group.entries.containsKey(duplicate.group(1)))) {
                group.entries.merge(duplicate.group(1), 1, Integer::sum);
            }
            return;
        }
        ValueChange change = ValueChange.of(warning.code());
        Matcher nullColumn = NULL_COLUMN.matcher(message);
        Matcher column = COLUMN.matcher(message);
        String name = nullColumn.find() ? nullColumn.group(1) : column.find() ? column.group(1) : "";
        if (name.isEmpty()) {
            change = ValueChange.OTHER;
        } else if (change == ValueChange.TRUNCATED && table.temporal(name)) {
            // an impossible date is "Data truncated" in a DATE column, "Incorrect datetime value" elsewhere
            change = ValueChange.INVALID_DATE;
        }
        ValueChange kind = change;
        Group group = groups.computeIfAbsent(name + " " + kind + (name.isEmpty() ? " " + warning.code() : ""),
                k -> new Group(false, name, kind, message));
        group.rows++;
        Matcher row = ROW.matcher(message);
        if (row.find() && group.rowNumbers.size() < LISTED_KEYS) {
            group.rowNumbers.add(Integer.parseInt(row.group(1)));
        }
    }

    /** Reads the statement's tuples (twice when a key refused rows) to name the rows behind each group. */
    private static void nameRows(String statement, Collection<Group> groups, TableKeys table) throws IOException {
        SqlStatement insert;
        try (StatementReader reader = StatementReader.open(
                new ByteArrayInputStream(statement.getBytes(StandardCharsets.UTF_8)))) {
            insert = reader.next();
        }
        if (insert == null || insert.valuesOffset() < 0) {
            return;
        }
        List<String> columns = lower(insert.columns().isEmpty() ? table.columns() : insert.columns());
        int[] primary = positions(columns, table.primaryKey());
        if (primary == null) {
            return;
        }
        for (Group group : groups) {
            if (group.refused && group.name.equals(TableKeys.PRIMARY)) {
                group.entries.keySet().stream().limit(LISTED_KEYS).forEach(group.keys::add);
            }
        }
        boolean duplicates = groups.stream()
                .anyMatch(g -> g.refused && !g.entries.isEmpty() && !g.name.equals(TableKeys.PRIMARY));
        Map<Group, Map<String, Integer>> matches = new HashMap<>();
        if (duplicates) {
            readTuples(insert, (number, row) -> countDuplicates(groups, columns, table, row, matches, null, primary));
        }
        Map<Group, Map<String, Integer>> seen = new HashMap<>();
        readTuples(insert, (number, row) -> {
            for (Group group : groups) {
                if (group.keys.size() >= LISTED_KEYS || group.refused) {
                    continue;
                }
                boolean concerned = group.change == ValueChange.NULL_TO_DEFAULT
                        ? isNull(row, columns.indexOf(group.name.toLowerCase(Locale.ROOT)))
                        : group.rowNumbers.contains(number);
                if (concerned) {
                    group.keys.add(key(row, primary));
                }
            }
            if (duplicates) {
                countDuplicates(groups, columns, table, row, seen, matches, primary);
            }
        });
    }

    /**
     * Counts, per refused key and entry, the tuples holding that entry; with {@code totals}, names those past the
     * ones the table kept: a key refuses the last tuples holding an entry, the first one having been stored (or
     * all of them, when an earlier statement's row holds it; the counts tell which).
     */
    private static void countDuplicates(Iterable<Group> groups, List<String> columns, TableKeys table, List<String> row,
                                        Map<Group, Map<String, Integer>> counted,
                                        Map<Group, Map<String, Integer>> totals, int[] primary) {
        for (Group group : groups) {
            if (!group.refused || group.entries.isEmpty() || group.name.equals(TableKeys.PRIMARY)) {
                continue;
            }
            int[] key = positions(columns, table.uniqueKeys().getOrDefault(group.name, List.of()));
            if (key == null) {
                continue;
            }
            String entry = entry(row, key);
            Integer refused = group.entries.get(entry);
            if (refused == null) {
                continue;
            }
            int number = counted.computeIfAbsent(group, g -> new HashMap<>()).merge(entry, 1, Integer::sum);
            if (totals != null && group.keys.size() < LISTED_KEYS
                    && number > totals.get(group).get(entry) - refused) {
                group.keys.add(key(row, primary));
            }
        }
    }

    private interface TupleVisitor {
        void visit(int number, List<String> row);
    }

    private static void readTuples(SqlStatement insert, TupleVisitor visitor) {
        InsertValues values = InsertValues.of(insert);
        int number = 0;
        for (List<String> row = values.nextRow(); row != null; row = values.nextRow()) {
            visitor.visit(++number, row);
        }
    }

    private static int[] positions(List<String> columns, List<String> wanted) {
        if (wanted.isEmpty()) {
            return null;
        }
        int[] positions = new int[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            positions[i] = columns.indexOf(wanted.get(i).toLowerCase(Locale.ROOT));
            if (positions[i] < 0) {
                return null;
            }
        }
        return positions;
    }

    private static boolean isNull(List<String> row, int at) {
        return at >= 0 && at < row.size() && row.get(at).equalsIgnoreCase("NULL");
    }

    /** The entry as the server spells it in a duplicate-key warning: the values joined by '-'. */
    private static String entry(List<String> row, int[] key) {
        StringBuilder entry = new StringBuilder();
        for (int i = 0; i < key.length; i++) {
            String value = key[i] < row.size() ? row.get(key[i]) : "";
            // NULL stored in a NOT NULL column becomes '' or 0, which then collides
            entry.append(i == 0 ? "" : "-").append(value.equalsIgnoreCase("NULL") ? "" : unquoted(value));
        }
        return entry.toString();
    }

    private static String key(List<String> row, int[] primary) {
        if (primary.length == 1) {
            return primary[0] < row.size() ? unquoted(row.get(primary[0])) : "?";
        }
        StringBuilder key = new StringBuilder("(");
        for (int i = 0; i < primary.length; i++) {
            key.append(i == 0 ? "" : ", ").append(primary[i] < row.size() ? row.get(primary[i]) : "?");
        }
        return key.append(')').toString();
    }

    /** A quoted literal's value; anything else as written. */
    static String unquoted(String literal) {
        if (literal.length() < 2) {
            return literal;
        }
        char quote = literal.charAt(0);
        if ((quote != '\'' && quote != '"') || literal.charAt(literal.length() - 1) != quote) {
            return literal;
        }
        StringBuilder value = new StringBuilder(literal.length());
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length() - 1) {
                char next = literal.charAt(++i);
                value.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case '0' -> '\0';
                    case 'Z' -> '\032';
                    default -> next;
                });
            } else if (c == quote && i + 1 < literal.length() - 1 && literal.charAt(i + 1) == quote) {
                value.append(quote);
                i++;
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }
}
