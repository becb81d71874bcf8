package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DumpCommandIT {

    @TempDir
    Path dir;

    @Test
    void writesPodv2SqlWithTheProceduresOptions() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 7)) {
            Path output = dir.resolve("podv2.sql");
            CliRun run = dump(v2, output);

            assertThat(run.out()).contains("video_video").containsPattern("tables=\\d+ rows=\\d+")
                    .doesNotContain("one connection");
            String script = Files.readString(output);
            assertThat(script).contains("CREATE TABLE IF NOT EXISTS `video_video`", "TRUNCATE TABLE `video_video`",
                    "INSERT IGNORE INTO `video_video` (`id`,", "FOREIGN_KEY_CHECKS=0")
                    .doesNotContain("`django_migrations`", "INTO `live_broadcaster`", "CREATE TABLE IF NOT EXISTS `live_broadcaster`",
                            "USE `");
        }
    }

    @Test
    void readsOnSeveralConnectionsTheSameScriptAsOnOne() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 7)) {
            dump(v2, dir.resolve("one.sql"), "--parallel", "1");
            dump(v2, dir.resolve("three.sql"), "--parallel", "3");

            assertThat(withoutCompletionTime(dir.resolve("three.sql")))
                    .isEqualTo(withoutCompletionTime(dir.resolve("one.sql")));
        }
    }

    private static CliRun dump(PodTestDatabase v2, Path output, String... options) {
        TestServer server = TestServer.get();
        List<String> args = new ArrayList<>(List.of("dump", "--output", output.toString(),
                "--podmigrate.source.url=" + server.jdbcUrl(v2.name()),
                "--podmigrate.source.username=" + server.user(),
                "--podmigrate.source.password=" + server.password()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static String withoutCompletionTime(Path script) throws Exception {
        String text = Files.readString(script);
        return text.substring(0, text.lastIndexOf("-- Dump completed on "));
    }

    @Test
    void refusesAMissingSourceOrOutputWithExitCode2() {
        CliRun noOutput = CliRun.of("dump", "--podmigrate.source.url=jdbc:mariadb://127.0.0.1:9/pod");
        assertThat(noOutput.exitCode()).isEqualTo(2);
        assertThat(noOutput.err()).contains("dump needs --output FILE");

        CliRun noSource = CliRun.of("dump", "--output", dir.resolve("x.sql").toString());
        assertThat(noSource.exitCode()).isEqualTo(2);
        assertThat(noSource.err()).contains("dump needs the source database");

        CliRun malformed = CliRun.of("dump", "--output", "x.sql", "--podmigrate.source.url=mysql:/nowhere");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("invalid setting podmigrate.source.url 'mysql:/nowhere'");

        CliRun typo = CliRun.of("dump", "--output", "x.sql", "--strucutre", "none");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown option --strucutre");
    }
}
