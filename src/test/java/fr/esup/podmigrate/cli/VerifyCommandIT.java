package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.verify.MigratedPod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify} on migrated databases: exit 0 when every v2 row is accounted for, 1 when not, 2 when it cannot run. */
class VerifyCommandIT {

    @TempDir
    Path dir;

    @Test
    void aMigrated384VerifiedAgainstItsPodv2SqlIsCompleteItsRefusedLtiRowsExplained() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_8_4, dir)) {
            CliRun run = CliRun.of(args(pod, "verify", "--podv2", pod.script.toString()));

            assertThat(run.err()).isEmpty();
            assertThat(run.out()).contains("explained lti_provider_lticoursecontext 4: missing (refused-by-key lms_course_context",
                    "explained lti_provider_lticoursecontext 6: missing (refused-by-key lms_course_context", "verdict: complete");
            assertThat(run.exitCode()).isZero();
            assertThat(databases()).as("the scratch database is dropped").doesNotContain(pod.v3.name() + "_pmv2");
        }
    }

    @Test
    void aMigrated384VerifiedAgainstABackupOfItsSourcesDataAloneIsComplete() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_8_4, dir)) {
            Path dataAlone = mariadbDump(pod, dir.resolve("data-only.sql"), "--no-create-info");
            CliRun run = CliRun.of(args(pod, "verify", "--podv2", dataAlone.toString()));

            assertThat(run.err()).isEmpty();
            assertThat(run.out()).contains("explained lti_provider_lticoursecontext 4: missing (refused-by-key",
                    "verdict: complete");
            assertThat(run.exitCode()).isZero();
        }
    }

    @Test
    void aMigrated305VerifiedAgainstItsSourceIsComplete() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_0_5, dir)) {
            CliRun run = CliRun.of(withSource(pod, args(pod, "verify")));

            assertThat(run.out()).contains("v2: source", "verdict: complete");
            assertThat(run.exitCode()).isZero();
        }
    }

    @Test
    void plantedDifferencesAreNamedTheReportAndTheCsvWrittenAndItExitsOne() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_0_5, dir)) {
            pod.plantDifferences();
            Path report = dir.resolve("report.md");
            Path csv = dir.resolve("differences.csv");
            CliRun run = CliRun.of(withSource(pod, args(pod, "verify", "--report", report.toString(),
                    "--differences", csv.toString())));

            assertThat(run.out()).contains("UNEXPLAINED video_video 2.duration: other",
                    "UNEXPLAINED video_video 3.title: truncated", "UNEXPLAINED video_video 1.title: charset",
                    "UNEXPLAINED video_type 1: missing", "UNEXPLAINED video_discipline 9001: extra", "verdict: NOT COMPLETE");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(Files.readString(report)).contains("Not complete", "| video_video | 3 | Truncated | title |");
            assertThat(Files.readAllLines(csv)).hasSizeGreaterThanOrEqualTo(6)
                    .anySatisfy(line -> assertThat(line).startsWith("video_type,video_type,1,missing,none"));
        }
    }

    @Test
    void valuesOfAColumnTheSiteAddedToItsV2AreNamedLostAndItExitsOne() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_0_5, dir)) {
            pod.onV2("ALTER TABLE video_video ADD COLUMN course_code varchar(20) NULL",
                    "UPDATE video_video SET course_code = 'UE-1' WHERE id <= 2");
            CliRun run = CliRun.of(withSource(pod, args(pod, "verify")));

            assertThat(run.out()).contains("LOST video_video.course_code: 2 row(s) with a value, a column Pod never had",
                    "which video_video lacks: add it there", "verdict: NOT COMPLETE",
                    "2 value(s) of columns Pod never had left out");
            assertThat(run.out()).containsPattern("left out video_video\\.title_nl: \\d+ row\\(s\\) with a value, a column Pod 3\\.0\\.0 dropped");
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void withoutV2RowsItCannotRun() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_0_5, dir)) {
            CliRun run = CliRun.of(args(pod, "verify"));

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--podv2 FILE", "usage: verify");
        }
    }

    private static String[] args(MigratedPod pod, String... verb) {
        TestServer server = TestServer.get();
        List<String> args = new ArrayList<>(List.of(verb));
        args.addAll(List.of("--podmigrate.target.url=" + server.jdbcUrl(pod.v3.name()),
                "--podmigrate.target.username=" + server.user(), "--podmigrate.target.password=" + server.password()));
        return args.toArray(String[]::new);
    }

    private static String[] withSource(MigratedPod pod, String[] args) {
        TestServer server = TestServer.get();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--podmigrate.source.url=" + server.jdbcUrl(pod.v2.name()),
                "--podmigrate.source.username=" + server.user(), "--podmigrate.source.password=" + server.password()));
        return all.toArray(String[]::new);
    }

    private static Path mariadbDump(MigratedPod pod, Path output, String... options) throws Exception {
        return TestServer.get().mariadbDump(pod.v2.name(), output, options);
    }

    private static List<String> databases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = TestServer.get().connect(""); ResultSet rs = c.createStatement().executeQuery("SHOW DATABASES")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
