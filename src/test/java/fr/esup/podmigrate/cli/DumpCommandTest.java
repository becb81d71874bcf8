package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DumpCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesPodv2SqlWithTheProceduresOptions() throws Exception {
        TestServer server = TestServer.get();
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 7)) {
            Path output = dir.resolve("podv2.sql");
            CliRun run = CliRun.of("dump", "--output", output.toString(),
                    "--podmigrate.source.url=" + server.jdbcUrl(v2.name()),
                    "--podmigrate.source.username=" + server.user(),
                    "--podmigrate.source.password=" + server.password());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("video_video").containsPattern("tables=\\d+ rows=\\d+");
            String script = Files.readString(output);
            assertThat(script).contains("CREATE TABLE IF NOT EXISTS `video_video`", "TRUNCATE TABLE `video_video`",
                    "INSERT IGNORE INTO `video_video` (`id`,", "FOREIGN_KEY_CHECKS=0")
                    .doesNotContain("`django_migrations`", "INTO `live_broadcaster`", "CREATE TABLE IF NOT EXISTS `live_broadcaster`",
                            "USE `");
        }
    }

    @Test
    void refusesAMissingSourceOrOutputWithExitCode2() {
        CliRun noOutput = CliRun.of("dump", "--podmigrate.source.url=jdbc:mariadb://127.0.0.1:9/pod");
        assertThat(noOutput.exitCode()).isEqualTo(2);
        assertThat(noOutput.err()).contains("dump needs --output FILE");

        CliRun noSource = CliRun.of("dump", "--output", dir.resolve("x.sql").toString());
        assertThat(noSource.exitCode()).isEqualTo(2);
        assertThat(noSource.err()).contains("dump needs the source database");

        CliRun typo = CliRun.of("dump", "--output", "x.sql", "--strucutre", "none");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown option --strucutre");
    }
}
