package fr.esup.podmigrate.checklist;

import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.pod.ExcludedTable;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.v2.V2Side;
import fr.esup.podmigrate.v2.V2Table;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.esup.podmigrate.pod.PodMigrationRules.FLATPAGE_SITES_TABLE;
import static fr.esup.podmigrate.pod.PodMigrationRules.FLATPAGE_TABLE;
import static fr.esup.podmigrate.pod.PodMigrationRules.ID_COLUMN;
import static fr.esup.podmigrate.pod.PodMigrationRules.SITE_COLUMN;
import static fr.esup.podmigrate.pod.PodMigrationRules.SITE_TABLE;
import static fr.esup.podmigrate.sql.Identifiers.quote;

/** The tables the operator checks by hand after the import, and the v2 broadcasters to re-create. */
@Service
class ChecklistService {

    static final int ORPHAN_EXAMPLES = 10;
    /** The column of Django's flatpage sites link that names the page. */
    private static final String FLATPAGE_COLUMN = "flatpage_id";
    /** A URL's runs of digits, of other characters but '/', and each '/'. */
    private static final Pattern URL_PARTS = Pattern.compile("\\d+|/|[^/\\d]+");

    private final Databases databases;
    private final V2Side v2;
    private final ChecklistStore store;
    private final RunStore runStore;

    ChecklistService(Databases databases, V2Side v2, ChecklistStore store, RunStore runStore) {
        this.databases = databases;
        this.v2 = v2;
        this.store = store;
        this.runStore = runStore;
    }

    /** The tables left out of the import for the operator to re-create. */
    static List<String> recreated() {
        return PodMigrationRules.EXCLUDED_TABLES.stream()
                .filter(t -> t.reason() == ExcludedTable.Reason.RECREATED_BY_HAND).map(ExcludedTable::table).toList();
    }

    ChecklistPage page() throws SQLException, IOException {
        Map<String, V2Table> v2Tables = v2.tables(recreated());
        Map<String, ChecklistStore.Tick> ticks = store.ticks();
        try (Connection connection = databases.target().connect()) {
            JdbcClient db = TableQueries.on(connection);
            Set<String> tables = TableQueries.tables(db);
            Map<String, Long> counts = TableQueries.rowCounts(db,
                    PodMigrationRules.CHECKED_AFTER_IMPORT.stream().filter(tables::contains).toList());
            ForeignKeyOrphans.Check orphans = ForeignKeyOrphans.find(db, PodMigrationRules.CHECKED_AFTER_IMPORT::contains,
                    ORPHAN_EXAMPLES);
            List<ChecklistPage.Item> items = new ArrayList<>();
            for (String table : PodMigrationRules.CHECKED_AFTER_IMPORT) {
                boolean present = tables.contains(table);
                items.add(new ChecklistPage.Item(table, counts.get(table),
                        orphans.orphaned().stream().filter(o -> o.table().equals(table)).toList(), ticks.get(table),
                        present && table.equals(FLATPAGE_TABLE) && tables.contains(FLATPAGE_SITES_TABLE) ? flatpages(db) : null,
                        present && recreated().contains(table) ? Recreations.plan(db, table, v2Tables.get(table)) : null));
            }
            return new ChecklistPage(items, v2.origin().orElse(null));
        }
    }

    /** Ticks or unticks an item, the step done once every item is ticked; returns the ticks as they then are. */
    Map<String, ChecklistStore.Tick> tick(String item, boolean checked, String operator) {
        if (checked) {
            store.tick(item, operator);
        } else {
            store.untick(item, operator);
        }
        Map<String, ChecklistStore.Tick> ticks = store.ticks();
        recordStatus(ticks, operator, (checked ? "ticked " : "unticked ") + item);
        return ticks;
    }

    /** The step in progress until every item is ticked, then done. */
    private void recordStatus(Map<String, ChecklistStore.Tick> ticks, String operator, String action) {
        long ticked = ticked(ticks);
        int total = PodMigrationRules.CHECKED_AFTER_IMPORT.size();
        runStore.record(WizardStep.CHECKLIST, ticked == total ? StepStatus.DONE : StepStatus.RUNNING, operator,
                action + " (" + ticked + " of " + total + " checked)");
    }

    /** How many of the checklist's items {@code ticks} holds. */
    static long ticked(Map<String, ChecklistStore.Tick> ticks) {
        return PodMigrationRules.CHECKED_AFTER_IMPORT.stream().filter(ticks::containsKey).count();
    }

    /**
     * {@link #insertMissing(String)} for the operator: the step in progress (or done, every item ticked) when it
     * inserts, the audit log saying why when it fails.
     */
    int insertMissing(String table, String operator) throws SQLException, IOException {
        try {
            int inserted = insertMissing(table);
            recordStatus(store.ticks(), operator, "inserted " + inserted + " v2 row(s) into " + table);
            return inserted;
        } catch (DataAccessException | SQLException e) {
            runStore.audit(operator, WizardStep.CHECKLIST.key() + ": inserting the v2 rows of " + table
                    + " failed and was rolled back: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            throw e;
        }
    }

    /** The items ticked as checked, by item name. */
    Map<String, ChecklistStore.Tick> ticks() {
        return store.ticks();
    }

    /** Inserts, in one transaction, the v2 rows of a re-created table that v3 lacks; returns their number. */
    int insertMissing(String table) throws SQLException, IOException {
        V2Table rows = v2.tables(List.of(table)).get(table);
        try (Connection connection = databases.target().connect()) {
            connection.setAutoCommit(false);
            try {
                JdbcClient db = TableQueries.on(connection);
                int inserted = Recreations.insertMissing(db, Recreations.plan(db, table, rows), rows);
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static List<ChecklistPage.Flatpage> flatpages(JdbcClient db) {
        return db.sql("SELECT p." + quote(ID_COLUMN) + ", p.url, p.title, COALESCE(GROUP_CONCAT(s.domain ORDER BY s."
                        + quote(ID_COLUMN) + " SEPARATOR ', '), '') FROM " + quote(FLATPAGE_TABLE) + " p LEFT JOIN "
                        + quote(FLATPAGE_SITES_TABLE) + " ps ON ps." + quote(FLATPAGE_COLUMN) + " = p." + quote(ID_COLUMN)
                        + " LEFT JOIN " + quote(SITE_TABLE) + " s ON s." + quote(ID_COLUMN) + " = ps." + quote(SITE_COLUMN)
                        + " GROUP BY p." + quote(ID_COLUMN) + ", p.url, p.title ORDER BY p." + quote(ID_COLUMN))
                .query((rs, n) -> new ChecklistPage.Flatpage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .stream().sorted(Comparator.comparing(ChecklistPage.Flatpage::url, ChecklistService::compareUrls)).toList();
    }

    /**
     * URLs as a reader orders them: a page before those under it, letters regardless of case, and the numbers in
     * them by value ({@code /page2/} before {@code /page10/}), where the database's collation orders them as text.
     */
    static int compareUrls(String a, String b) {
        Matcher left = URL_PARTS.matcher(a);
        Matcher right = URL_PARTS.matcher(b);
        while (left.find() && right.find()) {
            String x = left.group();
            String y = right.group();
            boolean numbers = Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0));
            int order = numbers ? new BigInteger(x).compareTo(new BigInteger(y)) : x.compareToIgnoreCase(y);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length(), b.length()) != 0 ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
