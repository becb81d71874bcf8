package fr.esup.podmigrate.checklist;

import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.run.RunFixture;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.OrphanedKey;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The checklist on a v3 database after the import: a page on no site, events pointing nowhere, one broadcaster. */
class ChecklistServiceIT {

    private static final String[] AFTER_IMPORT = {
            "INSERT INTO django_flatpage (id, url, title, content) VALUES (4, '/faq/', 'FAQ « vidéo »', '')",
            "INSERT INTO django_flatpage_sites (id, flatpage_id, site_id) VALUES (4, 99, 1)",
            "INSERT INTO live_building (id, name) VALUES (1, 'Bâtiment A1'), (2, 'Bâtiment B2')",
            "INSERT INTO live_broadcaster (id, name, slug, url, building_id) VALUES"
                    + " (1, 'Amphi 1 – caméra 1', 'amphi-1-camera-1', 'https://live.univ-exemple.fr/hls/amphi1_1.m3u8', 1)",
            "INSERT INTO auth_user (id, username) VALUES (1, 'alice')",
            "INSERT INTO video_type (id, title, slug) VALUES (1, 'Autre', 'autre')",
            "INSERT INTO live_event (id, slug, title, broadcaster_id, owner_id, type_id) VALUES"
                    + " (1, 'e1', 'Rentrée', 1, 1, 1), (2, 'e2', 'Sans diffuseur', 50, 1, 1), (3, 'e3', 'Sans tout', 1, 77, 9)",
            "INSERT INTO live_event_additional_owners (id, event_id, user_id) VALUES (1, 1, 1), (2, 8, 1)"};

    @Test
    void showsEachItemWithItsRowsAndWhatPointsNowhere() throws Exception {
        try (PodTestDatabase target = imported();
             PodTestDatabase source = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 40, 7);
             RunFixture run = RunFixture.on(target, source)) {
            run.checklist().tick("live_event", "bob");
            ChecklistPage page = service(run).page();

            assertThat(page.items()).extracting(ChecklistPage.Item::table, ChecklistPage.Item::rows, ChecklistPage.Item::ticked)
                    .containsExactly(tuple("django_flatpage", 4L, false), tuple("django_flatpage_sites", 4L, false),
                            tuple("live_broadcaster", 1L, false), tuple("live_event", 3L, true),
                            tuple("live_event_additional_owners", 2L, false));
            assertThat(page.ticked()).isEqualTo(1);
            assertThat(item(page, "live_event").orphans()).extracting(OrphanedKey::column, OrphanedKey::rows, OrphanedKey::examples)
                    .containsExactly(tuple("broadcaster_id", 1L, List.of("2")), tuple("owner_id", 1L, List.of("3")),
                            tuple("type_id", 1L, List.of("3")));
            assertThat(item(page, "live_event_additional_owners").orphans())
                    .extracting(OrphanedKey::column, OrphanedKey::referencedTable, OrphanedKey::rows)
                    .containsExactly(tuple("event_id", "live_event", 1L));
            assertThat(item(page, "django_flatpage_sites").orphans()).extracting(OrphanedKey::column, OrphanedKey::examples)
                    .containsExactly(tuple("flatpage_id", List.of("4")));
            assertThat(item(page, "live_broadcaster").orphans()).isEmpty();

            ChecklistPage.Item pages = item(page, "django_flatpage");
            assertThat(pages.flatpages()).extracting(ChecklistPage.Flatpage::url, ChecklistPage.Flatpage::sites)
                    .containsExactly(tuple("/", "example.com"), tuple("/accessibility/", "example.com"),
                            tuple("/faq/", ""), tuple("/legal_notice/", "example.com"));
            assertThat(pages.unlinkedFlatpages()).isEqualTo(1);
            assertThat(item(page, "live_event").flatpages()).isNull();
        }
    }

    @Test
    void listsTheV2BroadcastersMapsTheirColumnsAndInsertsThoseV3Lacks() throws Exception {
        try (PodTestDatabase target = imported();
             PodTestDatabase source = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 40, 7);
             RunFixture run = RunFixture.on(target, source)) {
            ChecklistService service = service(run);
            ChecklistPage page = service.page();
            assertThat(page.v2Origin().kind()).isEqualTo(V2Origin.Kind.SOURCE);
            Recreation broadcasters = item(page, "live_broadcaster").recreation();

            assertThat(broadcasters.inV2()).isTrue();
            assertThat(broadcasters.rows()).extracting(Recreation.V2Row::id, Recreation.V2Row::present)
                    .containsExactly(tuple("1", true), tuple("2", false), tuple("3", false), tuple("4", false));
            assertThat(broadcasters.columns()).extracting(Recreation.ColumnMapping::column, Recreation.ColumnMapping::source,
                            Recreation.ColumnMapping::expression)
                    .containsExactly(tuple("id", Recreation.Source.COPIED, ""), tuple("name", Recreation.Source.COPIED, ""),
                            tuple("slug", Recreation.Source.COPIED, ""), tuple("description", Recreation.Source.COPIED, ""),
                            tuple("url", Recreation.Source.COPIED, ""), tuple("status", Recreation.Source.COPIED, ""),
                            tuple("enable_add_event", Recreation.Source.VALUE, "0"),
                            tuple("enable_viewer_count", Recreation.Source.COPIED, ""),
                            tuple("is_restricted", Recreation.Source.COPIED, ""), tuple("public", Recreation.Source.COPIED, ""),
                            tuple("piloting_implementation", Recreation.Source.DEFAULT, ""),
                            tuple("piloting_conf", Recreation.Source.VALUE, "''"),
                            tuple("main_lang", Recreation.Source.VALUE, "'fr'"),
                            tuple("transcription_file", Recreation.Source.DEFAULT, ""),
                            tuple("building_id", Recreation.Source.COPIED, ""), tuple("poster_id", Recreation.Source.COPIED, ""));
            assertThat(broadcasters.unmapped()).isEmpty();
            assertThat(broadcasters.v2Only()).extracting(Recreation.V2OnlyColumn::column, Recreation.V2OnlyColumn::becomesIn)
                    .containsExactly(tuple("iframe_url", "live_event.iframe_url"),
                            tuple("iframe_height", "live_event.iframe_height"),
                            tuple("aside_iframe_url", "live_event.aside_iframe_url"),
                            tuple("password", "live_event.password"), tuple("viewcount", ""),
                            tuple("video_on_hold_id", "live_event.video_on_hold_id"));
            assertThat(broadcasters.insertable()).isTrue();

            assertThat(service.insertMissing("live_broadcaster", "alice")).isEqualTo(3);
            assertThat(TestWorkspaces.auditLines(run.workspace)).last().asString()
                    .as("the insert puts the step in progress, its ticks still to do")
                    .endsWith("alice\tchecklist: inserted 3 v2 row(s) into live_broadcaster (0 of 5 checked) -> running");

            Recreation after = item(service.page(), "live_broadcaster").recreation();
            assertThat(after.missing()).isEmpty();
            assertThat(after.insertable()).isFalse();
            try (Connection c = target.connect(); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT COUNT(*), SUM(main_lang = 'fr'), SUM(piloting_conf = ''), MAX(name)"
                        + " FROM live_broadcaster WHERE id > 1");
                rs.next();
                assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).containsExactly(3L, 3L, 3L);
                assertThat(rs.getString(4)).isEqualTo("Amphi 2 – caméra 2");
            }
        }
    }

    @Test
    void aBroadcasterWhoseBuildingV3LacksIsNamedWithWhyAndTheOthersAreInserted() throws Exception {
        try (PodTestDatabase target = imported();
             PodTestDatabase source = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 40, 7);
             RunFixture run = RunFixture.on(target, source)) {
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                s.execute("SET foreign_key_checks = 0");
                s.execute("UPDATE live_broadcaster SET building_id = 999 WHERE id = 4");
            }
            ChecklistService service = service(run);
            Recreation broadcasters = item(service.page(), "live_broadcaster").recreation();

            assertThat(broadcasters.insertableRows()).extracting(Recreation.V2Row::id).containsExactly("2", "3");
            assertThat(broadcasters.blockedRows()).singleElement().satisfies(row -> {
                assertThat(row.id()).isEqualTo("4");
                assertThat(row.pointingNowhere()).containsExactly(new Recreation.DanglingKey("building_id", "999", "live_building"));
            });

            assertThat(service.insertMissing("live_broadcaster", "alice")).isEqualTo(2);
            try (Connection c = target.connect(); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT GROUP_CONCAT(id ORDER BY id) FROM live_broadcaster");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("1,2,3");
            }
            Recreation after = item(service.page(), "live_broadcaster").recreation();
            assertThat(after.missing()).extracting(Recreation.V2Row::id).containsExactly("4");
            assertThat(after.insertable()).isFalse();
        }
    }

    @Test
    void withoutAV2SideTheBroadcastersCannotBeListed() throws Exception {
        try (PodTestDatabase target = imported(); RunFixture run = RunFixture.on(target, null)) {
            ChecklistPage page = service(run).page();
            assertThat(page.v2Origin()).isNull();
            Recreation broadcasters = item(page, "live_broadcaster").recreation();
            assertThat(broadcasters.inV2()).isFalse();
            assertThat(broadcasters.insertable()).isFalse();
        }
    }

    @Test
    void tickingEveryItemCompletesTheStepAndUntickingReopensIt() throws Exception {
        try (PodTestDatabase target = imported(); RunFixture run = RunFixture.on(target, null)) {
            ChecklistService service = service(run);
            RunStore runStore = new RunStore(run.workspace);
            for (String item : PodMigrationRules.CHECKED_AFTER_IMPORT) {
                assertThat(runStore.state(WizardStep.CHECKLIST).status()).isNotEqualTo(StepStatus.DONE);
                service.tick(item, true, "alice");
            }
            assertThat(runStore.state(WizardStep.CHECKLIST).status()).isEqualTo(StepStatus.DONE);
            service.tick("live_event", false, "bob");
            assertThat(runStore.state(WizardStep.CHECKLIST).status()).isEqualTo(StepStatus.RUNNING);
            assertThat(TestWorkspaces.auditLines(run.workspace)).last().asString()
                    .contains("bob\tchecklist: unticked live_event (4 of 5 checked) -> ");
        }
    }

    private static ChecklistService service(RunFixture run) {
        return new ChecklistService(run.databases, run.v2Side(), run.checklist(), new RunStore(run.workspace));
    }

    private static ChecklistPage.Item item(ChecklistPage page, String table) {
        return page.items().stream().filter(i -> i.table().equals(table)).findFirst().orElseThrow();
    }

    private static PodTestDatabase imported() throws SQLException {
        return RunFixture.v3After(AFTER_IMPORT);
    }
}
