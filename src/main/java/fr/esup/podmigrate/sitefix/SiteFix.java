package fr.esup.podmigrate.sitefix;

import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.V3ColumnValue;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static fr.esup.podmigrate.pod.PodMigrationRules.DEFAULT_SITE_ID;
import static fr.esup.podmigrate.pod.PodMigrationRules.ID_COLUMN;
import static fr.esup.podmigrate.pod.PodMigrationRules.SITE_TABLE;
import static fr.esup.podmigrate.v2.TableQueries.quote;

/** One fix of the target's sites: how many rows it would change, and the change, on the caller's transaction. */
sealed interface SiteFix {

    /** Rows updated per statement: an IN list of this size stays well under any packet limit. */
    int ROWS_PER_UPDATE = 1000;

    FixKind kind();

    String table();

    String column();

    default String key() {
        return kind().key() + ":" + table();
    }

    long pending(JdbcClient db);

    long apply(JdbcClient db);

    /** Where the rows go, for a fix that decides row by row; else null. */
    default V2LinkPlan plan(JdbcClient db) {
        return null;
    }

    /** Rows of {@code table} (aliased {@code t}) whose site is 0 or a site {@code django_site} does not have. */
    static String withoutSite(String column) {
        return "(t." + quote(column) + " = 0 OR NOT EXISTS (SELECT 1 FROM " + quote(SITE_TABLE) + " s WHERE s."
                + quote(ID_COLUMN) + " = t." + quote(column) + "))";
    }

    /** The procedure's fix: every row without a site to the default site. */
    record DefaultSite(String table, String column) implements SiteFix {

        public FixKind kind() {
            return FixKind.DEFAULT_SITE;
        }

        public long pending(JdbcClient db) {
            return db.sql("SELECT COUNT(*) FROM " + quote(table) + " t WHERE " + withoutSite(column))
                    .query(Long.class).single();
        }

        public long apply(JdbcClient db) {
            return db.sql("UPDATE " + quote(table) + " t SET t." + quote(column) + " = :site WHERE " + withoutSite(column))
                    .param("site", DEFAULT_SITE_ID).update();
        }
    }

    /**
     * Each row without a site to the site v2's sites link gave it.
     *
     * @param v2Sites the v2 sites of each row, by row id
     */
    record V2Links(String table, String column, Map<Long, SortedSet<Long>> v2Sites) implements SiteFix {

        public FixKind kind() {
            return FixKind.V2_LINKS;
        }

        public long pending(JdbcClient db) {
            return new DefaultSite(table, column).pending(db);
        }

        public long apply(JdbcClient db) {
            long changed = 0;
            for (Map.Entry<Long, List<Long>> site : plan(db).rowsBySite().entrySet()) {
                List<Long> rows = site.getValue();
                for (int from = 0; from < rows.size(); from += ROWS_PER_UPDATE) {
                    changed += db.sql("UPDATE " + quote(table) + " t SET t." + quote(column) + " = :site WHERE t."
                                    + quote(ID_COLUMN) + " IN (:rows) AND " + withoutSite(column))
                            .param("site", site.getKey())
                            .param("rows", rows.subList(from, Math.min(rows.size(), from + ROWS_PER_UPDATE))).update();
                }
            }
            return changed;
        }

        @Override
        public V2LinkPlan plan(JdbcClient db) {
            Set<Long> sites = new HashSet<>(db.sql("SELECT " + quote(ID_COLUMN) + " FROM " + quote(SITE_TABLE))
                    .query(Long.class).list());
            List<Long> rows = db.sql("SELECT t." + quote(ID_COLUMN) + " FROM " + quote(table) + " t WHERE "
                    + withoutSite(column) + " ORDER BY 1").query(Long.class).list();
            Map<Long, List<Long>> rowsBySite = new TreeMap<>();
            Map<Long, List<Long>> severalSites = new TreeMap<>();
            long withoutV2Site = 0;
            for (Long row : rows) {
                SortedSet<Long> linked = new TreeSet<>(v2Sites.getOrDefault(row, new TreeSet<>()));
                linked.retainAll(sites);
                if (linked.isEmpty()) {
                    withoutV2Site++;
                } else if (linked.size() > 1) {
                    severalSites.put(row, List.copyOf(linked));
                }
                rowsBySite.computeIfAbsent(linked.isEmpty() ? (long) DEFAULT_SITE_ID : linked.first(),
                        site -> new ArrayList<>()).add(row);
            }
            return new V2LinkPlan(rowsBySite, severalSites, withoutV2Site);
        }
    }

    /** Pod's {@code set_default_site}: each row linked to no site gets a link to the current site. */
    record SitesLink(String table, String linkTable, String linkColumn) implements SiteFix {

        public FixKind kind() {
            return FixKind.SITES_LINK;
        }

        public String column() {
            return linkTable + "." + linkColumn;
        }

        private String unlinked() {
            return " FROM " + quote(table) + " t WHERE NOT EXISTS (SELECT 1 FROM " + quote(linkTable) + " l WHERE l."
                    + quote(linkColumn) + " = t." + quote(ID_COLUMN) + ")";
        }

        public long pending(JdbcClient db) {
            return db.sql("SELECT COUNT(*)" + unlinked()).query(Long.class).single();
        }

        public long apply(JdbcClient db) {
            return db.sql("INSERT INTO " + quote(linkTable) + " (" + quote(linkColumn) + ", "
                    + quote(PodMigrationRules.SITE_COLUMN) + ") SELECT t." + quote(ID_COLUMN) + ", :site" + unlinked())
                    .param("site", DEFAULT_SITE_ID).update();
        }
    }

    /** Pod's {@code fix_transcript}: a v2 flag in a 3.2+ language-code column becomes the code, or nothing. */
    record Transcript(V3ColumnValue value) implements SiteFix {

        public FixKind kind() {
            return FixKind.TRANSCRIPT;
        }

        public String table() {
            return value.table();
        }

        public String column() {
            return value.column();
        }

        private String flagged() {
            return " WHERE " + quote(value.column()) + " IN (:flags)";
        }

        public long pending(JdbcClient db) {
            return db.sql("SELECT COUNT(*) FROM " + quote(value.table()) + flagged())
                    .param("flags", PodMigrationRules.TRANSCRIPT_FLAGS).query(Long.class).single();
        }

        public long apply(JdbcClient db) {
            return db.sql("UPDATE " + quote(value.table()) + " SET " + quote(value.column()) + " = " + value.expression()
                    + flagged()).param("flags", PodMigrationRules.TRANSCRIPT_FLAGS).update();
        }
    }
}
