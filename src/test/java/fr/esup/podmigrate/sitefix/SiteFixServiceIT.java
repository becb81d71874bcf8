package fr.esup.podmigrate.sitefix;

import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.run.RunFixture;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepState;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.v2.V2Origin;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The site fixes on a v3 database as an SQL import leaves it: channels and disciplines on site 0, videos on no site. */
class SiteFixServiceIT {

    /** What INSERT IGNORE of v2 rows leaves. */
    private static final String[] AFTER_IMPORT = {
            "INSERT INTO django_site (id, domain, name) VALUES (2, 'pod-formation.univ-exemple.fr', 'Pod Formation')",
            "INSERT INTO video_channel (id, title, slug, site_id) VALUES (1, 'c1', 'c1', 0), (2, 'c2', 'c2', 0),"
                    + " (3, 'c3', 'c3', 0), (4, 'c4', 'c4', 0), (5, 'c5', 'c5', 7), (6, 'c6', 'c6', 1)",
            "INSERT INTO video_discipline (id, title, slug, site_id) VALUES (1, 'd1', 'd1', 0), (2, 'd2', 'd2', 0),"
                    + " (3, 'd3', 'd3', 0), (4, 'd4', 'd4', 0), (5, 'd5', 'd5', 0), (6, 'd6', 'd6', 0),"
                    + " (7, 'd7', 'd7', 0), (8, 'd8', 'd8', 0)",
            "INSERT INTO video_video (id, title, slug, transcript, main_lang) VALUES (1, 'v1', 'v1', '1', 'fr'),"
                    + " (2, 'v2', 'v2', '0', 'en'), (3, 'v3', 'v3', 'en', 'en')",
            "INSERT INTO video_video_sites (video_id, site_id) VALUES (3, 1)"};

    @Test
    void showsTheSitesTheRowsWithoutOneAndTheFixesWithTheirExactCounts() throws Exception {
        try (PodTestDatabase target = imported();
             PodTestDatabase source = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 40, 7);
             RunFixture run = RunFixture.on(target, source)) {
            SitePage page = service(run).page();

            assertThat(page.sites()).containsExactly(new SitePage.Site(1, "example.com", "example.com"),
                    new SitePage.Site(2, "pod-formation.univ-exemple.fr", "Pod Formation"));
            assertThat(page.withoutSite()).containsExactly(new SitePage.SiteColumn("video_channel", 4, 1),
                    new SitePage.SiteColumn("video_discipline", 8, 0));
            assertThat(page.siteColumns()).contains(new SitePage.SiteColumn("video_video_sites", 0, 0))
                    .hasSize(18);
            assertThat(page.v2Origin().kind()).isEqualTo(V2Origin.Kind.SOURCE);
            assertThat(page.fixes()).extracting(ProposedFix::key, ProposedFix::pending, ProposedFix::recommended)
                    .containsExactly(
                            tuple("v2-links:video_channel", 5L, true),
                            tuple("default-site:video_channel", 5L, false),
                            tuple("v2-links:video_discipline", 8L, true),
                            tuple("default-site:video_discipline", 8L, false),
                            tuple("sites-link:video_video", 2L, true),
                            tuple("transcript:video_video", 2L, true));
            V2LinkPlan channels = page.fixes().get(0).plan();
            // v2: channel 1 on sites 1 and 2, channel 2 on none, channel 3 on site 2, channel 4 on site 1; 5 is not in v2.
            assertThat(channels.rowsBySite()).isEqualTo(Map.of(1L, List.of(1L, 2L, 4L, 5L), 2L, List.of(3L)));
            assertThat(channels.severalSites()).isEqualTo(Map.of(1L, List.of(1L, 2L)));
            assertThat(channels.withoutV2Site()).isEqualTo(2);
            assertThat(page.fixes().get(2).plan().rowsBySite())
                    .isEqualTo(Map.of(1L, List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), 2L, List.of(8L)));
        }
    }

    @Test
    void appliesTheChosenFixesTogetherWithCountsBeforeAndAfter() throws Exception {
        try (PodTestDatabase target = imported();
             PodTestDatabase source = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 40, 7);
             RunFixture run = RunFixture.on(target, source)) {
            List<FixOutcome> outcomes = service(run).apply(List.of("transcript:video_video", "sites-link:video_video",
                    "default-site:video_channel", "v2-links:video_discipline", "v2-links:video_channel", "unknown:x"),
                    "alice");
            assertThat(new RunStore(run.workspace).state(WizardStep.SITE_FIXES))
                    .extracting(StepState::status, StepState::operator).containsExactly(StepStatus.DONE, "alice");
            assertThat(TestWorkspaces.auditLines(run.workspace)).last().asString()
                    .contains("alice", "sitefix: applied v2-links:video_channel 5->0 (5 changed)");

            assertThat(outcomes).extracting(FixOutcome::key, FixOutcome::before, FixOutcome::changed, FixOutcome::after)
                    .containsExactly(
                            tuple("v2-links:video_channel", 5L, 5L, 0L),
                            tuple("v2-links:video_discipline", 8L, 8L, 0L),
                            tuple("default-site:video_channel", 0L, 0L, 0L),
                            tuple("sites-link:video_video", 2L, 2L, 0L),
                            tuple("transcript:video_video", 2L, 2L, 0L));
            try (Connection c = target.connect()) {
                assertThat(column(c, "SELECT CONCAT(id, '@', site_id) FROM video_channel ORDER BY id"))
                        .containsExactly("1@1", "2@1", "3@2", "4@1", "5@1", "6@1");
                assertThat(column(c, "SELECT CONCAT(id, '@', site_id) FROM video_discipline WHERE site_id <> 1"))
                        .containsExactly("8@2");
                assertThat(column(c, "SELECT CONCAT(id, ':', transcript) FROM video_video ORDER BY id"))
                        .containsExactly("1:fr", "2:", "3:en");
                assertThat(column(c, "SELECT CONCAT(video_id, '@', site_id) FROM video_video_sites ORDER BY video_id"))
                        .containsExactly("1@1", "2@1", "3@1");
            }
            assertThat(service(run).page().fixes()).isEmpty();
        }
    }

    @Test
    void aFailingFixRollsBackTheOthers() throws Exception {
        try (PodTestDatabase target = imported(); RunFixture run = RunFixture.on(target, null)) {
            RunFixture.execute(target, "ALTER TABLE video_video_sites ADD CONSTRAINT not_video_1 CHECK (video_id <> 1)");
            SiteFixService service = service(run);
            assertThatThrownBy(() -> service.apply(List.of("default-site:video_channel", "sites-link:video_video"), "alice"))
                    .isInstanceOf(DataAccessException.class);
            assertThat(new RunStore(run.workspace).state(WizardStep.SITE_FIXES).status()).isEqualTo(StepStatus.FAILED);
            assertThat(TestWorkspaces.auditLines(run.workspace)).last().asString()
                    .contains("fixes [default-site:video_channel, sites-link:video_video] rolled back: ");
            assertThat(service.page().withoutSite()).extracting(SitePage.SiteColumn::bad).containsExactly(5L, 8L);
        }
    }

    @Test
    void withoutASourceTheV2SitesComeFromTheImportedScript() throws Exception {
        try (PodTestDatabase target = imported(); RunFixture run = RunFixture.on(target, null)) {
            String script = run.script("podv2.sql", "INSERT INTO `video_channel_sites` (`id`, `channel_id`, `site_id`)"
                    + " VALUES (1,3,2),(2,4,2);\n");
            run.imported(JobStatus.SUCCEEDED, Instant.now(), script, null);
            SitePage page = service(run).page();

            assertThat(page.v2Origin()).isEqualTo(new V2Origin(V2Origin.Kind.SCRIPT, script));
            assertThat(page.fixes()).extracting(ProposedFix::key)
                    .containsExactly("v2-links:video_channel", "default-site:video_channel", "default-site:video_discipline",
                            "sites-link:video_video", "transcript:video_video");
            assertThat(page.fixes().get(0).plan().rowsBySite()).isEqualTo(Map.of(1L, List.of(1L, 2L, 5L), 2L, List.of(3L, 4L)));
        }
    }

    @Test
    void withoutAnyV2SideOnlyTheProceduresFixIsOffered() throws Exception {
        try (PodTestDatabase target = imported(); RunFixture run = RunFixture.on(target, null)) {
            SitePage page = service(run).page();
            assertThat(page.v2Origin()).isNull();
            assertThat(page.fixes()).extracting(ProposedFix::key).containsExactly("default-site:video_channel",
                    "default-site:video_discipline", "sites-link:video_video", "transcript:video_video");
            assertThat(page.fixes()).allMatch(ProposedFix::recommended);
        }
    }

    @Test
    void site1TakesItsDomainAndNameOrIsCreated() throws Exception {
        try (PodTestDatabase target = PodTestDatabase.blank(PodVersion.V3_8_4); RunFixture run = RunFixture.on(target, null)) {
            SiteFixService service = service(run);
            service.updateSite(new SiteForm("pod.univ-exemple.fr", "Pod Université"), "alice");
            assertThat(TestWorkspaces.auditLines(run.workspace)).last().asString()
                    .endsWith("alice\tsitefix: set site 1 to domain 'pod.univ-exemple.fr', name 'Pod Université'");
            assertThat(service.page().sites()).containsExactly(new SitePage.Site(1, "pod.univ-exemple.fr", "Pod Université"));
            RunFixture.execute(target, "SET SESSION foreign_key_checks = 0", "DELETE FROM django_site");
            service.updateSite(new SiteForm("pod.univ-exemple.fr:8443", "Pod"), "alice");
            assertThat(service.page().sites()).containsExactly(new SitePage.Site(1, "pod.univ-exemple.fr:8443", "Pod"));
        }
    }

    private static SiteFixService service(RunFixture run) {
        return new SiteFixService(run.databases, run.v2Side(), new RunStore(run.workspace));
    }

    private static PodTestDatabase imported() throws SQLException {
        return RunFixture.v3After(AFTER_IMPORT);
    }

    private static List<String> column(Connection c, String sql) {
        return TableQueries.on(c).sql(sql).query(String.class).list();
    }
}
