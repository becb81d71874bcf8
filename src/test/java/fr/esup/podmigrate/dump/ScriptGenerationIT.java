package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.sql.script.ScriptCompression;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generation job against the real server: a generated Pod 2.9.1 as source, a workspace of its own. */
class ScriptGenerationIT {

    private static PodTestDatabase v2;

    @TempDir
    Path dir;

    private ScriptFiles scriptFiles;
    private RunStore runStore;
    private JobRunner runner;
    private ScriptGeneration generation;

    @BeforeAll
    static void createSource() throws SQLException {
        v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 1);
    }

    @AfterAll
    static void dropSource() {
        v2.close();
    }

    @BeforeEach
    void setUp() {
        TestServer server = TestServer.get();
        Workspace workspace = TestWorkspaces.in(dir);
        JobStore jobs = new JobStore(workspace);
        scriptFiles = new ScriptFiles(workspace);
        runStore = new RunStore(workspace);
        runner = new JobRunner(jobs, runStore);
        Databases databases = new Databases(new DatabaseEndpoint("jdbc:mariadb://127.0.0.1:9/pod_v3", "pod", "", "t"),
                Optional.of(new DatabaseEndpoint(server.jdbcUrl(v2.name()), server.user(), server.password(), "s")), false);
        generation = new ScriptGeneration(databases, runner, scriptFiles, runStore);
    }

    private Job finished(Job job) {
        await().atMost(Duration.ofSeconds(60)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        return generation.latest().orElseThrow();
    }

    @Test
    void theProceduresPodv2SqlIsWrittenAndBecomesTheRunsScript() throws Exception {
        Job job = finished(generation.start(Podv2ScriptOptions.PROCEDURE, "alice"));

        assertThat(job.status()).as("%s", job.message()).isEqualTo(JobStatus.SUCCEEDED);
        ScriptFile file = generation.written(job).orElseThrow();
        assertThat(file.path()).exists().hasParent(dir.resolve("exports"));
        assertThat(file.compression()).isEqualTo(ScriptCompression.NONE);
        assertThat(scriptFiles.selected()).contains(file);
        assertThat(runStore.state(WizardStep.DUMP).status()).isEqualTo(StepStatus.DONE);
        assertThat(TestWorkspaces.auditLines(dir)).anyMatch(line -> line.contains("chose podv2.sql " + file.id()))
                .anyMatch(line -> line.contains("generates podv2.sql from " + TestServer.get().user() + "@"));

        String script = Files.readString(file.path());
        assertThat(script).contains("FOREIGN_KEY_CHECKS=0", "CREATE TABLE IF NOT EXISTS `video_video`",
                        "TRUNCATE TABLE `video_video`", "INSERT IGNORE INTO `video_video` (`id`,")
                .doesNotContain("INTO `django_migrations`", "TABLE IF NOT EXISTS `django_migrations`",
                        "INTO `live_broadcaster`", "TABLE IF NOT EXISTS `live_broadcaster`", "USE `");
        Generated generated = job.result(Generated.class).orElseThrow();
        assertThat(generated.file()).isEqualTo(file.id());
        assertThat(generated.rows()).containsEntry("video_video", 3L)
                .doesNotContainKeys("django_migrations", "live_broadcaster");
        assertThat(job.progress().tablesDone()).isEqualTo(job.progress().tablesTotal()).isPositive();
        assertThat(job.progress().rows()).isPositive();
        assertThat(job.progress().bytesDone()).isEqualTo(Files.size(file.path()));
    }

    @Test
    void theOperatorsOptionsChangeTheScript() throws Exception {
        Podv2ScriptOptions everything = new Podv2ScriptOptions(false, DumpOptions.Structure.NONE, false,
                DumpOptions.InsertMode.REPLACE, true);
        Job job = finished(generation.start(everything, "alice"));

        assertThat(job.status()).as("%s", job.message()).isEqualTo(JobStatus.SUCCEEDED);
        ScriptFile file = generation.written(job).orElseThrow();
        assertThat(file.compression()).isEqualTo(ScriptCompression.GZIP);
        assertThat(file.path().toString()).endsWith(".sql.gz");
        String script;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file.path()))) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(script).contains("REPLACE INTO `django_migrations` (", "REPLACE INTO `video_video` (")
                .doesNotContain("CREATE TABLE", "TRUNCATE", "INSERT IGNORE");
    }

    @Test
    void aCancelledGenerationLeavesNoScriptAndChoosesNothing() throws Exception {
        Job job = generation.start(Podv2ScriptOptions.PROCEDURE, "alice");
        runner.cancel(job.id());

        assertThat(finished(job).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(scriptFiles.all()).isEmpty();
        assertThat(scriptFiles.selected()).isEmpty();
        try (var exports = Files.list(dir.resolve("exports"))) {
            assertThat(exports).isEmpty();
        }
    }
}
