package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.job.JobFailedException;
import fr.esup.podmigrate.pod.DefaultSiteLink;
import fr.esup.podmigrate.pod.DroppedColumn;
import fr.esup.podmigrate.pod.EphemeralTable;
import fr.esup.podmigrate.pod.ExcludedTable;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.SiteLink;
import fr.esup.podmigrate.pod.TableRename;
import fr.esup.podmigrate.v2.TableQueries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static fr.esup.podmigrate.sql.Identifiers.quote;

/**
 * Proves, row by row, that v3 holds what v2 held: for every v2 table with a v3 home, both servers checksum their rows
 * over ranges of the primary key ({@code COUNT(*)} and {@code BIT_XOR(CRC32(row))}, as pt-table-checksum does), at the
 * same time; only the ranges whose checksums differ are read, key by key, then the differing rows value by value.
 * No table is ever held in memory: a range's keys and checksums at most.
 */
public final class ContentComparison {

    /** Primary key values per range: a range that differs is read key by key. */
    static final int RANGE_KEYS = 4096;
    public static final int SHOWN_PER_TABLE = 20;
    private static final int KEYS_PER_QUERY = 500;
    /**
     * Missing rows of a table looked up in v3's unique keys, one query each: beyond, only the import's record
     * explains them (a target the import never reached would otherwise cost a query per v2 row).
     */
    private static final int COLLISION_LOOKUPS = 10_000;

    /** Told after each table: the tables done and to do, and the rows checksummed so far. */
    public interface Progress {
        void tableDone(int done, int total, long rows);
    }

    private final Connection v2;
    private final Connection v3;
    private final ImportIssues issues;
    private final Consumer<RowDifference> everyDifference;
    private final BooleanSupplier cancelled;

    /**
     * @param everyDifference told of every difference found, in order (the CSV of all of them)
     */
    public ContentComparison(Connection v2, Connection v3, ImportIssues issues, Consumer<RowDifference> everyDifference,
                             BooleanSupplier cancelled) {
        this.v2 = v2;
        this.v3 = v3;
        this.issues = issues;
        this.everyDifference = everyDifference;
        this.cancelled = cancelled;
    }

    public ContentReport compare(Progress progress) throws SQLException {
        for (Connection connection : List.of(v2, v3)) {
            try (Statement statement = connection.createStatement()) {
                // TIMESTAMP columns render in the session's zone: the same on both servers.
                statement.execute("SET SESSION time_zone = '+00:00'");
            }
        }
        Set<String> v2Tables = new TreeSet<>(TableQueries.names(v2));
        Set<String> v3Tables = new TreeSet<>(TableQueries.names(v3));
        Map<String, String> renames = PodMigrationRules.renamesFor(v3Tables).stream()
                .collect(Collectors.toMap(TableRename::v2Table, TableRename::v3Table));
        // caches are compared by their counts only: the import leaves them out unless asked, and they expire
        Set<String> excluded = Stream.concat(PodMigrationRules.EXCLUDED_TABLES.stream().map(ExcludedTable::table),
                PodMigrationRules.EPHEMERAL_TABLES.stream().map(EphemeralTable::table)).collect(Collectors.toSet());
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String v2Table : v2Tables) {
            String v3Table = renames.getOrDefault(v2Table, v2Table);
            if (!excluded.contains(v2Table) && v3Tables.contains(v3Table)) {
                pairs.put(v2Table, v3Table);
            }
        }
        List<TableContent> tables = new ArrayList<>();
        List<RowDifference> shown = new ArrayList<>();
        ExecutorService v2Reader = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "verify-v2-checksums");
            thread.setDaemon(true);
            return thread;
        });
        try {
            long rows = 0;
            for (Map.Entry<String, String> pair : pairs.entrySet()) {
                if (cancelled.getAsBoolean()) {
                    throw new JobFailedException("verify.message.cancelled");
                }
                ComparedTable table = ComparedTable.plan(v2, v3, pair.getKey(), pair.getValue(), v2Tables);
                TableContent content = compare(table, v2Reader, shown, renames);
                tables.add(content);
                rows += content.v2Rows() + content.v3Rows();
                progress.tableDone(tables.size(), pairs.size(), rows);
            }
        } finally {
            v2Reader.shutdownNow();
        }
        return new ContentReport(v2.getCatalog(), tables, shown);
    }

    private TableContent compare(ComparedTable table, ExecutorService v2Reader, List<RowDifference> shown,
                                 Map<String, String> renames) throws SQLException {
        if (!table.comparable()) {
            return new TableContent(table.v2Table(), table.v3Table(), TableContent.Status.NO_PRIMARY_KEY,
                    count(v2, table.v2Table()), count(v3, table.v3Table()), 0, 0, table.columns().size(), 0, 0, 0, 0,
                    leftOut(table, heldValues(table)));
        }
        long buckets = table.numericKey() ? 0
                : Math.max(1, Math.max(count(v2, table.v2Table()), count(v3, table.v3Table())) / RANGE_KEYS + 1);
        CompletableFuture<Map<Long, long[]>> v2Sums = CompletableFuture.supplyAsync(() -> {
            try {
                return checksums(v2, table, true, buckets);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, v2Reader);
        Map<Long, long[]> v3Sums = checksums(v3, table, false, buckets);
        Map<Long, long[]> v2Side;
        try {
            v2Side = v2Sums.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
        Set<Long> ranges = new TreeSet<>(v2Side.keySet());
        ranges.addAll(v3Sums.keySet());
        Tally tally = new Tally(shown);
        long differing = 0;
        for (long range : ranges) {
            long[] a = v2Side.get(range);
            long[] b = v3Sums.get(range);
            if (a == null || b == null || a[0] != b[0] || a[1] != b[1]) {
                differing++;
                drillDown(table, range, buckets, tally, renames);
            }
        }
        long[] held = new long[table.leftOut().size()];
        for (long[] sums : v2Side.values()) {
            for (int i = 0; i < held.length; i++) {
                held[i] += sums[2 + i];
            }
        }
        return new TableContent(table.v2Table(), table.v3Table(), TableContent.Status.COMPARED, rows(v2Side),
                rows(v3Sums), ranges.size(), differing, table.columns().size(), tally.missing, tally.extra,
                tally.changed, tally.unexplained, leftOut(table, held));
    }

    /** Per column v3 does not keep, an aggregate of the rows where it holds a value (neither NULL nor empty). */
    private static String heldValueSums(ComparedTable table) {
        return table.leftOut().stream().map(c -> "COALESCE(SUM(LENGTH(" + quote(c) + ") > 0), 0)")
                .collect(Collectors.joining(", "));
    }

    /** The rows where each column v3 does not keep holds a value, for a table whose rows are not checksummed. */
    private long[] heldValues(ComparedTable table) throws SQLException {
        long[] held = new long[table.leftOut().size()];
        if (held.length == 0) {
            return held;
        }
        String sql = "SELECT " + heldValueSums(table) + " FROM " + quote(table.v2Table());
        try (Statement statement = v2.createStatement(); ResultSet values = statement.executeQuery(sql)) {
            values.next();
            for (int i = 0; i < held.length; i++) {
                held[i] = values.getLong(i + 1);
            }
        }
        return held;
    }

    /** The columns v3 does not keep that hold a value in some row ({@code held} of them, in the table's order). */
    private static List<LeftOutColumn> leftOut(ComparedTable table, long[] held) {
        List<LeftOutColumn> columns = new ArrayList<>();
        for (int i = 0; i < held.length; i++) {
            String column = table.leftOut().get(i);
            if (held[i] > 0) {
                columns.add(new LeftOutColumn(column, held[i], PodMigrationRules.droppedColumn(table.v2Table(), column)
                        .map(DroppedColumn::droppedIn).orElse(null)));
            }
        }
        return columns;
    }

    private static long rows(Map<Long, long[]> sums) {
        return sums.values().stream().mapToLong(s -> s[0]).sum();
    }

    /**
     * Per range: its rows and the XOR of their checksums, computed by the server; on v2's side, then the rows where
     * each column v3 does not keep holds a value, read in the same scan.
     */
    private static Map<Long, long[]> checksums(Connection connection, ComparedTable table, boolean v2Side, long buckets)
            throws SQLException {
        int held = v2Side ? table.leftOut().size() : 0;
        String sql = "SELECT " + bucket(table, v2Side, buckets) + " AS r, COUNT(*), BIT_XOR(CRC32("
                + table.rowExpression(v2Side) + "))" + (held > 0 ? ", " + heldValueSums(table) : "") + table.from(v2Side)
                + " GROUP BY r";
        Map<Long, long[]> sums = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long[] range = new long[2 + held];
                for (int i = 0; i < range.length; i++) {
                    range[i] = rows.getLong(i + 2);
                }
                sums.put(rows.getLong(1), range);
            }
        }
        return sums;
    }

    private static String bucket(ComparedTable table, boolean v2Side, long buckets) {
        return table.numericKey() ? "FLOOR(" + table.keyExpression(v2Side) + " / " + RANGE_KEYS + ")"
                : "CRC32(" + table.keyExpression(v2Side) + ") % " + buckets;
    }

    private static String inRange(ComparedTable table, boolean v2Side, long range, long buckets) {
        if (table.numericKey()) {
            String key = table.keyExpression(v2Side);
            return key + " BETWEEN " + range * RANGE_KEYS + " AND " + (range * RANGE_KEYS + RANGE_KEYS - 1);
        }
        return bucket(table, v2Side, buckets) + " = " + range;
    }

    /** Reads one range's keys and row checksums on both sides, then the values of the rows that differ. */
    private void drillDown(ComparedTable table, long range, long buckets, Tally tally, Map<String, String> renames)
            throws SQLException {
        Map<String, Long> v2Rows = rowChecksums(v2, table, true, range, buckets);
        Map<String, Long> v3Rows = rowChecksums(v3, table, false, range, buckets);
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        v2Rows.forEach((key, sum) -> {
            Long other = v3Rows.get(key);
            if (other == null) {
                missing.add(key);
            } else if (!other.equals(sum)) {
                changed.add(key);
            }
        });
        v3Rows.keySet().stream().filter(key -> !v2Rows.containsKey(key)).forEach(extra::add);
        for (List<String> keys : batches(missing)) {
            Map<String, List<String>> values = values(v2, table, true, range, buckets, keys);
            for (String key : keys) {
                tally.add(missingRow(table, key, values.get(key), tally));
            }
        }
        RowDifference.Explanation extraExplained = extraRowsExplanation(table.v3Table(), renames);
        for (String key : extra) {
            tally.add(new RowDifference(table.v2Table(), table.v3Table(), key, RowDifference.Kind.EXTRA, extraExplained,
                    null, null, null, ""));
        }
        for (List<String> keys : batches(changed)) {
            Map<String, List<String>> before = values(v2, table, true, range, buckets, keys);
            Map<String, List<String>> after = values(v3, table, false, range, buckets, keys);
            for (String key : keys) {
                changedValues(table, key, before.get(key), after.get(key), tally);
            }
        }
    }

    private RowDifference missingRow(ComparedTable table, String key, List<String> values, Tally tally)
            throws SQLException {
        for (ComparedTable.UniqueKey unique : tally.missing < COLLISION_LOOKUPS ? table.uniqueKeys()
                : List.<ComparedTable.UniqueKey>of()) {
            String collision = collision(table, unique, values);
            if (collision != null && !collision.equals(key)) {
                return new RowDifference(table.v2Table(), table.v3Table(), key, RowDifference.Kind.MISSING,
                        RowDifference.Explanation.REFUSED_BY_KEY, null, null, null,
                        unique.name() + " (" + table.v3Table() + " " + collision + ")");
            }
        }
        return issues.refusedBy(table.v3Table(), key)
                .map(name -> new RowDifference(table.v2Table(), table.v3Table(), key, RowDifference.Kind.MISSING,
                        RowDifference.Explanation.REFUSED_BY_KEY, null, null, null, name))
                .orElse(new RowDifference(table.v2Table(), table.v3Table(), key, RowDifference.Kind.MISSING,
                        RowDifference.Explanation.NONE, null, null, null, ""));
    }

    /**
     * The key of the v3 row holding the v2 row's values in the columns of a unique key, as the import stored them (a
     * NULL in a NOT NULL column as '' or 0): the row that made INSERT IGNORE drop this one. Null when none does.
     */
    private String collision(ComparedTable table, ComparedTable.UniqueKey unique, List<String> values)
            throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        for (String name : unique.columns()) {
            int index = indexOf(table, name);
            if (index < 0) {
                return null;
            }
            ComparedTable.Column column = table.columns().get(index);
            String value = values.get(index);
            if (value == null) {
                if (!column.v3NotNull()) {
                    return null;
                }
                value = column.nullStoredAs();
            }
            conditions.add(column.v3Expression() + " = ?");
            parameters.add(value);
        }
        String sql = "SELECT " + table.keyExpression(false) + table.from(false) + " WHERE "
                + String.join(" AND ", conditions) + " LIMIT 1";
        try (PreparedStatement statement = v3.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static int indexOf(ComparedTable table, String column) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    private void changedValues(ComparedTable table, String key, List<String> before, List<String> after, Tally tally) {
        for (int i = 0; i < table.columns().size(); i++) {
            String v2Value = before.get(i);
            String v3Value = after.get(i);
            if (!Objects.equals(v2Value, v3Value)) {
                String column = table.columns().get(i).name();
                RowDifference.Explanation explanation = changedByFixes(table.v3Table(), column)
                        ? RowDifference.Explanation.SITE_FIXES
                        : issues.changed(table.v3Table(), column, key) ? RowDifference.Explanation.IMPORT_WARNING
                        : RowDifference.Explanation.NONE;
                tally.add(new RowDifference(table.v2Table(), table.v3Table(), key, ValueKinds.of(v2Value, v3Value),
                        explanation, column, v2Value, v3Value, ""));
            }
        }
    }

    /** The site's own row and the site columns the site fixes set. */
    private static boolean changedByFixes(String v3Table, String column) {
        return v3Table.equals(PodMigrationRules.SITE_TABLE)
                || PodMigrationRules.SITE_LINKS.stream().map(SiteLink::table).anyMatch(v3Table::equals)
                && column.equals(PodMigrationRules.SITE_COLUMN);
    }

    /** v3 rows v2 did not have: the site fixes add site links and the site, the operator completes some tables. */
    private static RowDifference.Explanation extraRowsExplanation(String v3Table, Map<String, String> renames) {
        boolean siteFixes = v3Table.equals(PodMigrationRules.SITE_TABLE) || PodMigrationRules.DEFAULT_SITE_LINKS.stream()
                .map(DefaultSiteLink::linkTable).map(t -> renames.getOrDefault(t, t)).anyMatch(v3Table::equals);
        if (siteFixes) {
            return RowDifference.Explanation.SITE_FIXES;
        }
        return PodMigrationRules.CHECKED_AFTER_IMPORT.contains(v3Table) ? RowDifference.Explanation.CHECKLIST
                : RowDifference.Explanation.NONE;
    }

    private static Map<String, Long> rowChecksums(Connection connection, ComparedTable table, boolean v2Side,
                                                  long range, long buckets) throws SQLException {
        String sql = "SELECT " + table.keyExpression(v2Side) + ", CRC32(" + table.rowExpression(v2Side) + ")"
                + table.from(v2Side) + " WHERE " + inRange(table, v2Side, range, buckets);
        Map<String, Long> sums = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                sums.put(rows.getString(1), rows.getLong(2));
            }
        }
        return sums;
    }

    /** The rendered values of the rows of these keys, column by column, by key. */
    private static Map<String, List<String>> values(Connection connection, ComparedTable table, boolean v2Side,
                                                    long range, long buckets, List<String> keys) throws SQLException {
        String columns = table.columns().stream().map(c -> v2Side ? c.v2Expression() : c.v3Expression())
                .collect(Collectors.joining(", "));
        String sql = "SELECT " + table.keyExpression(v2Side) + ", " + columns + table.from(v2Side) + " WHERE "
                + inRange(table, v2Side, range, buckets) + " AND " + table.keyExpression(v2Side) + " IN ("
                + keys.stream().map(k -> "?").collect(Collectors.joining(", ")) + ")";
        Map<String, List<String>> values = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                statement.setString(i + 1, keys.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<String> row = new ArrayList<>(table.columns().size());
                    for (int i = 0; i < table.columns().size(); i++) {
                        row.add(rows.getString(i + 2));
                    }
                    values.put(rows.getString(1), row);
                }
            }
        }
        return values;
    }

    private static List<List<String>> batches(List<String> keys) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            batches.add(keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY)));
        }
        return batches;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return TableQueries.rows(statement, table);
        }
    }

    /** A table's differences: all told to the listener, the first ones kept for the page, each kind counted. */
    private final class Tally {
        private final List<RowDifference> shown;
        private int shownHere;
        private long missing;
        private long extra;
        private long changed;
        private long unexplained;

        Tally(List<RowDifference> shown) {
            this.shown = shown;
        }

        void add(RowDifference difference) {
            everyDifference.accept(difference);
            if (shownHere++ < SHOWN_PER_TABLE) {
                shown.add(difference);
            }
            switch (difference.kind()) {
                case MISSING -> missing++;
                case EXTRA -> extra++;
                default -> changed++;
            }
            if (!difference.explained()) {
                unexplained++;
            }
        }
    }
}
