package fr.esup.podmigrate.pod;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static fr.esup.podmigrate.pod.Queries.count;
import static fr.esup.podmigrate.pod.Queries.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodSchemasIT {

    /** Contrib models whose tables Django names after the app, not the app label. */
    private static final Map<String, String> CONTRIB_TABLES = Map.of("admin.logentry", "django_admin_log",
            "contenttypes.contenttype", "django_content_type", "flatpages.flatpage", "django_flatpage",
            "sessions.session", "django_session", "sites.site", "django_site");

    @ParameterizedTest
    @EnumSource(PodVersion.class)
    void eachSchemaHasExactlyTheTablesOfItsRelease(PodVersion version) throws SQLException {
        try (PodTestDatabase db = PodTestDatabase.schemaOnly(version); Connection c = db.connect()) {
            SchemaCatalog catalog = SchemaCatalog.of(c);
            assertThat(catalog.tableNames()).isEqualTo(SchemaCatalog.fixtureTableList(version));
            assertThat(count(c, "SELECT COUNT(*) FROM django_migrations")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(PodVersion.class)
    void aBlankPodHasTheRowsMigrateLeaves(PodVersion version) throws SQLException {
        try (PodTestDatabase db = PodTestDatabase.blank(version); Connection c = db.connect()) {
            assertThat(strings(c, "SELECT CONCAT_WS('|', id, domain, name) FROM django_site"))
                    .containsExactly("1|example.com|example.com");
            assertThat(count(c, "SELECT COUNT(*) FROM main_configuration")).isEqualTo(6);
            List<String> migrations = strings(c, "SELECT CONCAT(app, '.', name) FROM django_migrations ORDER BY id");
            assertThat(migrations).startsWith("contenttypes.0001_initial", "auth.0001_initial")
                    .contains("sites.0001_initial", "sessions.0001_initial", "flatpages.0001_initial",
                            "video.0001_initial", "authentication.0001_initial", "main.0001_initial")
                    .doesNotHaveDuplicates();
            assertThat(strings(c, "SELECT applied FROM django_migrations ORDER BY id")).isSorted();
            int permissionsPerModel = version.isV2() ? 3 : 4;
            assertThat(count(c, "SELECT COUNT(*) FROM auth_permission"))
                    .isEqualTo(permissionsPerModel * count(c, "SELECT COUNT(*) FROM django_content_type"));
            assertThat(count(c, "SELECT COUNT(*) FROM auth_permission p LEFT JOIN django_content_type t"
                    + " ON t.id = p.content_type_id WHERE t.id IS NULL")).isZero();
        }
    }

    @Test
    void onlyAPod33PlusHasTheEncodeTranscriptApp() throws SQLException {
        for (PodVersion version : PodVersion.values()) {
            try (PodTestDatabase db = PodTestDatabase.blank(version); Connection c = db.connect()) {
                assertThat(SchemaCatalog.of(c).migratedApps().contains(TargetShape.ENCODE_TRANSCRIPT_APP))
                        .as(version.label()).isEqualTo(version == PodVersion.V3_8_4);
            }
        }
    }

    /** Every model table has its content type and migration, every content type its table, as Django would. */
    @ParameterizedTest
    @EnumSource(PodVersion.class)
    void contentTypesAndMigrationsMatchTheTables(PodVersion version) throws SQLException {
        try (PodTestDatabase db = PodTestDatabase.blank(version); Connection c = db.connect()) {
            SchemaCatalog catalog = SchemaCatalog.of(c);
            Set<String> modelTables = catalog.tableNames().stream()
                    .filter(t -> !t.equals(PodMigrationRules.MIGRATIONS_TABLE) && !isManyToMany(catalog, t))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> contentTypeTables = new TreeSet<>();
            Set<String> appsWithModels = new TreeSet<>();
            for (String contentType : strings(c, "SELECT CONCAT(app_label, '.', model) FROM django_content_type")) {
                if (contentType.equals("authtoken.tokenproxy")) {
                    continue;
                }
                String app = contentType.substring(0, contentType.indexOf('.'));
                String model = contentType.substring(app.length() + 1);
                appsWithModels.add(app);
                String table = CONTRIB_TABLES.getOrDefault(contentType, app + "_" + model);
                // Pod's Meeting model sets db_table = "meeting".
                contentTypeTables.add(catalog.tableNames().contains(table) || !app.equals(model) ? table : app);
            }
            assertThat(contentTypeTables).isEqualTo(modelTables);
            assertThat(catalog.migratedApps()).containsAll(appsWithModels);
        }
    }

    @Test
    void loadingTwiceFailsInsteadOfMixingSchemas() throws SQLException {
        try (PodTestDatabase db = PodTestDatabase.schemaOnly(PodVersion.V3_0_5); Connection c = db.connect()) {
            assertThatThrownBy(() -> PodSchemas.load(PodVersion.V3_8_4, c)).isInstanceOf(SQLException.class);
        }
    }

    /** An auto-created many-to-many table: an id and two foreign keys, named after its owner table plus a field. */
    private static boolean isManyToMany(SchemaCatalog catalog, String table) {
        Set<String> columns = catalog.tables().get(table).keySet();
        return columns.size() == 3 && columns.stream().filter(col -> col.endsWith("_id")).count() == 2
                && catalog.tableNames().stream().anyMatch(owner -> !owner.equals(table) && table.startsWith(owner + "_"));
    }

    /** What a data-only dump's values stand for: the columns as each 2.9 server holds them, where releases agree. */
    @Test
    void v2ColumnOrderIsTheServersOrderOfEvery29Release() throws SQLException {
        Map<String, List<String>> order = PodSchemas.v2ColumnOrder();
        assertThat(order).doesNotContainKey("live_broadcaster").containsKeys("video_video", "live_event");
        for (PodVersion version : List.of(PodVersion.V2_9_1, PodVersion.V2_9_3)) {
            try (PodTestDatabase db = PodTestDatabase.schemaOnly(version); Connection c = db.connect()) {
                for (String table : PodSchemas.tables(version)) {
                    List<String> held = strings(c, "SELECT column_name FROM information_schema.columns WHERE"
                            + " table_schema = DATABASE() AND table_name = '" + table + "' ORDER BY ordinal_position");
                    if (order.containsKey(table)) {
                        assertThat(order.get(table)).as(version.label() + " " + table).isEqualTo(held);
                    } else {
                        assertThat(table).as(version.label()).isEqualTo("live_broadcaster");
                    }
                }
            }
        }
    }
}
