package fr.esup.podmigrate.v2;

import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.run.RunFixture;
import fr.esup.podmigrate.run.WizardStep;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run's v2 rows, read from a source database or decoded from the imported podv2.sql by the target server. */
class V2SideIT {

    private static final String SCRIPT = """
            -- MariaDB dump, positional INSERTs as mariadb-dump writes them by default
            CREATE TABLE `video_channel_sites` (
              `id` int(11) NOT NULL AUTO_INCREMENT,
              `channel_id` int(11) NOT NULL,
              `site_id` int(11) NOT NULL,
              PRIMARY KEY (`id`)
            );
            INSERT INTO `video_channel_sites` VALUES (1,1,1),(2,1,2),(3,3,'2');
            INSERT INTO `video_video` VALUES (1,'not asked for');
            INSERT IGNORE INTO `live_broadcaster` (`id`, `name`, `password`) VALUES
            (4,'Amphi A – caméra 1','it\\'s'),(5,'l''amphi B',NULL);
            INSERT INTO `live_broadcaster` (`name`, `id`) VALUES ('last', 6);
            """;

    @Test
    void readsTheImportedScriptWhenThereIsNoSource() throws Exception {
        try (PodTestDatabase target = PodTestDatabase.empty(); RunFixture run = RunFixture.on(target, null)) {
            String id = run.script("podv2.sql", SCRIPT);
            run.imported(JobStatus.SUCCEEDED, Instant.parse("2026-01-05T10:00:00Z"), id, null);
            run.imported(JobStatus.FAILED, Instant.parse("2026-01-05T11:00:00Z"), "nope.sql", null);
            V2Side v2 = run.v2Side();

            assertThat(v2.origin()).contains(new V2Origin(V2Origin.Kind.SCRIPT, id));
            Map<String, V2Table> tables = v2.tables(List.of("video_channel_sites", "live_broadcaster", "video_discipline_sites"));
            assertThat(tables).containsOnlyKeys("video_channel_sites", "live_broadcaster");
            V2Table links = tables.get("video_channel_sites");
            assertThat(links.columns()).containsExactly("id", "channel_id", "site_id");
            assertThat(links.rows()).extracting(row -> String.valueOf(links.value(row, "site_id")))
                    .containsExactly("1", "2", "2");
            V2Table broadcasters = tables.get("live_broadcaster");
            assertThat(broadcasters.columns()).containsExactly("id", "name", "password");
            assertThat(broadcasters.rows()).extracting(row -> Arrays.asList(String.valueOf(broadcasters.value(row, "id")),
                            broadcasters.value(row, "name"), broadcasters.value(row, "password")))
                    .containsExactly(List.of("4", "Amphi A – caméra 1", "it's"), Arrays.asList("5", "l'amphi B", null),
                            Arrays.asList("6", "last", null));
            assertThat(v2.tables(List.of("live_broadcaster", "video_channel_sites", "video_discipline_sites")))
                    .as("read again from the same file").isEqualTo(tables);
        }
    }

    @Test
    void ofABackupOfSeveralDatabasesReadsOnlyTheSectionTheImportTook() throws Exception {
        String backup = """
                CREATE DATABASE `pod_preprod`;
                USE `pod_preprod`;
                INSERT INTO `video_channel_sites` (`id`, `channel_id`, `site_id`) VALUES (1,1,9),(2,2,9);
                CREATE DATABASE `pod`;
                USE `pod`;
                INSERT INTO `video_channel_sites` (`id`, `channel_id`, `site_id`) VALUES (1,1,1);
                USE `pod_preprod`;
                INSERT INTO `video_channel_sites` (`id`, `channel_id`, `site_id`) VALUES (3,3,9);
                """;
        try (PodTestDatabase target = PodTestDatabase.empty(); RunFixture run = RunFixture.on(target, null)) {
            String id = run.script("backup.sql", backup);
            run.imported(JobStatus.SUCCEEDED, Instant.now(), id, "pod");

            V2Table links = run.v2Side().tables(List.of("video_channel_sites")).get("video_channel_sites");

            assertThat(links.rows()).extracting(row -> String.valueOf(links.value(row, "site_id"))).containsExactly("1");
        }
    }

    @Test
    void aScriptGoneFromTheWorkspaceIsSaid() throws Exception {
        try (PodTestDatabase target = PodTestDatabase.empty(); RunFixture run = RunFixture.on(target, null)) {
            String id = run.script("podv2.sql", SCRIPT);
            run.imported(JobStatus.SUCCEEDED, Instant.now(), id, null);
            Files.delete(run.workspace.root().resolve(id));
            assertThatThrownBy(() -> run.v2Side().tables(List.of("video_channel_sites")))
                    .isInstanceOf(IOException.class).hasMessageContaining("no longer in the workspace");
        }
    }

    @Test
    void readsTheSourceDatabaseWhenThereIsOne() throws Exception {
        try (PodTestDatabase target = PodTestDatabase.empty();
             PodTestDatabase source = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 40, 7);
             RunFixture run = RunFixture.on(target, source)) {
            V2Side v2 = run.v2Side();
            assertThat(v2.origin()).hasValueSatisfying(o -> assertThat(o.kind()).isEqualTo(V2Origin.Kind.SOURCE));
            Map<String, V2Table> tables = v2.tables(List.of("video_channel_sites", "no_such_table"));
            assertThat(tables).containsOnlyKeys("video_channel_sites");
            V2Table links = tables.get("video_channel_sites");
            assertThat(links.rows()).extracting(row -> links.value(row, "channel_id") + "@" + links.value(row, "site_id"))
                    .containsExactlyInAnyOrder("1@1", "1@2", "3@2", "4@1");
        }
    }

    @Test
    void withoutSourceNorImportThereIsNoV2Side() throws Exception {
        try (PodTestDatabase target = PodTestDatabase.empty(); RunFixture run = RunFixture.on(target, null)) {
            assertThat(run.v2Side().origin()).isEmpty();
            assertThat(run.v2Side().tables(List.of("video_channel_sites"))).isEmpty();
        }
    }
}
