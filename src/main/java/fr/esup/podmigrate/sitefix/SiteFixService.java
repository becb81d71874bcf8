package fr.esup.podmigrate.sitefix;

import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.pod.DefaultSiteLink;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.SiteLink;
import fr.esup.podmigrate.pod.TableRename;
import fr.esup.podmigrate.pod.V3ColumnValue;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.v2.V2Side;
import fr.esup.podmigrate.v2.V2Table;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static fr.esup.podmigrate.pod.PodMigrationRules.ID_COLUMN;
import static fr.esup.podmigrate.pod.PodMigrationRules.SITE_COLUMN;
import static fr.esup.podmigrate.pod.PodMigrationRules.SITE_TABLE;
import static fr.esup.podmigrate.sql.Identifiers.quote;

/** Reads the target's sites and the rows without one, proposes the fixes, and applies the chosen ones together. */
@Service
class SiteFixService {

    private static final Set<String> TEXT_TYPES = Set.of("char", "varchar");

    private final Databases databases;
    private final V2Side v2;
    private final RunStore runStore;

    SiteFixService(Databases databases, V2Side v2, RunStore runStore) {
        this.databases = databases;
        this.v2 = v2;
        this.runStore = runStore;
    }

    SitePage page() throws SQLException, IOException {
        Map<String, V2Table> links = v2Links();
        try (Connection connection = databases.target().connect()) {
            JdbcClient db = TableQueries.on(connection);
            Map<String, Map<String, String>> columns = columns(db);
            List<SitePage.Site> sites = db.sql("SELECT " + quote(ID_COLUMN) + ", domain, name FROM " + quote(SITE_TABLE)
                    + " ORDER BY 1").query((rs, n) -> new SitePage.Site(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
            List<SitePage.SiteColumn> siteColumns = new ArrayList<>();
            for (String table : columns.keySet()) {
                if (columns.get(table).containsKey(SITE_COLUMN)) {
                    siteColumns.add(db.sql("SELECT COALESCE(SUM(t." + quote(SITE_COLUMN) + " = 0), 0), COALESCE(SUM("
                                    + SiteFix.withoutSite(SITE_COLUMN) + " AND t." + quote(SITE_COLUMN) + " <> 0), 0) FROM "
                                    + quote(table) + " t")
                            .query((rs, n) -> new SitePage.SiteColumn(table, rs.getLong(1), rs.getLong(2))).single());
                }
            }
            List<SiteFix> candidates = fixes(columns, links);
            Set<String> linkedByV2 = candidates.stream().filter(fix -> fix.kind() == FixKind.V2_LINKS)
                    .map(SiteFix::table).collect(Collectors.toSet());
            List<ProposedFix> fixes = new ArrayList<>();
            for (SiteFix fix : candidates) {
                long pending = fix.pending(db);
                if (pending > 0) {
                    fixes.add(new ProposedFix(fix.key(), fix.kind(), fix.table(), fix.column(), pending, fix.plan(db),
                            fix.kind() != FixKind.DEFAULT_SITE || !linkedByV2.contains(fix.table())));
                }
            }
            return new SitePage(sites, siteColumns, fixes, v2.origin().orElse(null));
        }
    }

    /** {@link #updateSite(SiteForm)} for the operator, in the audit log. */
    void updateSite(SiteForm form, String operator) throws SQLException {
        updateSite(form);
        runStore.audit(operator, WizardStep.SITE_FIXES.key() + ": set site " + PodMigrationRules.DEFAULT_SITE_ID
                + " to domain '" + form.domain() + "', name '" + form.name() + "'");
    }

    /** Gives site 1 its domain and name, creating it if the import left none. */
    void updateSite(SiteForm form) throws SQLException {
        try (Connection connection = databases.target().connect()) {
            JdbcClient db = TableQueries.on(connection);
            int found = db.sql("UPDATE " + quote(SITE_TABLE) + " SET domain = :domain, name = :name WHERE "
                            + quote(ID_COLUMN) + " = :id")
                    .param("domain", form.domain()).param("name", form.name())
                    .param("id", PodMigrationRules.DEFAULT_SITE_ID).update();
            if (found == 0) {
                db.sql("INSERT INTO " + quote(SITE_TABLE) + " (" + quote(ID_COLUMN) + ", domain, name)"
                                + " VALUES (:id, :domain, :name)")
                        .param("domain", form.domain()).param("name", form.name())
                        .param("id", PodMigrationRules.DEFAULT_SITE_ID).update();
            }
        }
    }

    /** The chosen fixes still proposed, with the rows each would change now, in the order they would apply. */
    List<ProposedFix> preview(Collection<String> keys) throws SQLException, IOException {
        return page().fixes().stream().filter(fix -> keys.contains(fix.key()))
                .sorted(Comparator.comparing(ProposedFix::kind)).toList();
    }

    /** {@link #apply(Collection)} for the operator: the step done, or failed with the cause. */
    List<FixOutcome> apply(Collection<String> keys, String operator) throws SQLException, IOException {
        try {
            List<FixOutcome> outcomes = apply(keys);
            runStore.record(WizardStep.SITE_FIXES, StepStatus.DONE, operator, "applied " + outcomes.stream()
                    .map(o -> o.key() + " " + o.before() + "->" + o.after() + " (" + o.changed() + " changed)")
                    .collect(Collectors.joining(", ")));
            return outcomes;
        } catch (DataAccessException | SQLException e) {
            runStore.record(WizardStep.SITE_FIXES, StepStatus.FAILED, operator,
                    "fixes " + keys + " rolled back: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            throw e;
        }
    }

    /** Applies the chosen fixes in one transaction: all of them, or none when one fails. */
    List<FixOutcome> apply(Collection<String> keys) throws SQLException, IOException {
        Map<String, V2Table> links = v2Links();
        try (Connection connection = databases.target().connect()) {
            connection.setAutoCommit(false);
            try {
                JdbcClient db = TableQueries.on(connection);
                List<FixOutcome> outcomes = new ArrayList<>();
                List<SiteFix> chosen = fixes(columns(db), links).stream().filter(fix -> keys.contains(fix.key()))
                        .sorted(Comparator.comparing(SiteFix::kind)).toList();
                for (SiteFix fix : chosen) {
                    long before = fix.pending(db);
                    long changed = fix.apply(db);
                    outcomes.add(new FixOutcome(fix.key(), fix.kind(), fix.table(), fix.column(), before, changed,
                            fix.pending(db)));
                }
                connection.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Map<String, V2Table> v2Links() throws SQLException, IOException {
        return v2.tables(PodMigrationRules.SITE_LINKS.stream().map(SiteLink::v2LinkTable).toList());
    }

    /** Every fix the target's tables allow, the better ones first. */
    private static List<SiteFix> fixes(Map<String, Map<String, String>> columns, Map<String, V2Table> v2Links) {
        List<SiteFix> fixes = new ArrayList<>();
        for (SiteLink link : PodMigrationRules.SITE_LINKS) {
            if (columns.getOrDefault(link.table(), Map.of()).containsKey(link.siteColumn())) {
                V2Table v2 = v2Links.get(link.v2LinkTable());
                if (v2 != null && v2.has(link.v2LinkColumn()) && v2.has(SITE_COLUMN)) {
                    fixes.add(new SiteFix.V2Links(link.table(), link.siteColumn(), sitesByRow(v2, link.v2LinkColumn())));
                }
                fixes.add(new SiteFix.DefaultSite(link.table(), link.siteColumn()));
            }
        }
        Map<String, String> renames = PodMigrationRules.renamesFor(columns.keySet()).stream()
                .collect(Collectors.toMap(TableRename::v2Table, TableRename::v3Table));
        for (DefaultSiteLink link : PodMigrationRules.DEFAULT_SITE_LINKS) {
            String table = renames.getOrDefault(link.table(), link.table());
            String linkTable = renames.getOrDefault(link.linkTable(), link.linkTable());
            if (columns.containsKey(table) && columns.getOrDefault(linkTable, Map.of()).containsKey(link.linkColumn())) {
                fixes.add(new SiteFix.SitesLink(table, linkTable, link.linkColumn()));
            }
        }
        for (V3ColumnValue transcript : PodMigrationRules.TRANSCRIPT_COLUMNS) {
            Map<String, String> table = columns.getOrDefault(transcript.table(), Map.of());
            if (TEXT_TYPES.contains(table.get(transcript.column())) && table.keySet().containsAll(transcript.v2Columns())) {
                fixes.add(new SiteFix.Transcript(transcript));
            }
        }
        return fixes;
    }

    private static Map<Long, SortedSet<Long>> sitesByRow(V2Table links, String rowColumn) {
        Map<Long, SortedSet<Long>> sites = new HashMap<>();
        for (List<Object> row : links.rows()) {
            sites.computeIfAbsent(number(links.value(row, rowColumn)), id -> new TreeSet<>())
                    .add(number(links.value(row, SITE_COLUMN)));
        }
        return sites;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).strip());
    }

    /** Each table's columns and their data types, by table. */
    private static Map<String, Map<String, String>> columns(JdbcClient db) {
        Map<String, Map<String, String>> columns = new TreeMap<>();
        db.sql("SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
                        + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                        + " WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'")
                .query(rs -> {
                    columns.computeIfAbsent(rs.getString(1), t -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return columns;
    }
}
