package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.backup.TestBackups;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.dump.ScriptFiles;
import fr.esup.podmigrate.dump.ScriptGeneration;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.rehearsal.Recipe;
import fr.esup.podmigrate.rehearsal.ScratchCopy;
import fr.esup.podmigrate.run.RunFixture;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rehearse} on the scratch copy, then {@code replay} of its recipe on the target, on the real server. */
class RehearseReplayIT {

    @TempDir
    Path dir;

    private PodTestDatabase v2;
    private PodTestDatabase v3;

    @AfterEach
    void dropAll() {
        if (v3 != null) {
            TestServer.get().dropDatabase(v3.name() + ScratchCopy.SUFFIX);
        }
        try (PodTestDatabase a = v2; PodTestDatabase b = v3) {
            // both dropped
        }
    }

    @Test
    void aRehearsalLeavesTheTargetAsItWasAndVerifiesAsTheReplayOfItsRecipe() throws Exception {
        v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 10, 3);
        v3 = PodTestDatabase.wipedBlank(PodVersion.V3_0_5);
        Path script = dump(v2, "podv2.sql");
        Map<String, Long> checksums = checksums(v3);
        List<String> columns = columns(v3);
        Path recipe = dir.resolve("recipe.json");

        CliRun rehearse = CliRun.of(args("rehearse", "--podv2", script.toString(), "--write-recipe", recipe.toString()));

        assertThat(rehearse.out()).contains("verdict: complete", "step import", "recipe written to " + recipe);
        assertThat(rehearse.exitCode()).as(rehearse.err()).isZero();
        assertThat(rehearse.err()).as("each step's outcome in words").containsPattern(
                "rehearse: wipe done in [0-9.]+ s: Emptied [0-9]+ tables \\([0-9]+ rows\\); django_migrations kept with"
                        + " [0-9]+ rows\\.").doesNotContain("wipe.message")
                .as("the analysis' warnings").contains("\n  warning: Table live_heartbeat (");
        assertThat(checksums(v3)).as("CHECKSUM TABLE of every target table").isEqualTo(checksums);
        assertThat(columns(v3)).as("the target's columns").isEqualTo(columns);
        assertThat(Files.readString(recipe)).contains("\"errorPolicy\" : \"stop\"", "\"siteFixes\"", "\"stepMillis\"")
                .doesNotContain("password");

        CliRun replay = CliRun.of(args("replay", recipe.toString(), "--podv2", script.toString()));

        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.err()).contains("replay: backup done", "replay: import done", "replay: verify done");
        assertThat(verificationTable(replay.out())).isEqualTo(verificationTable(rehearse.out())).isNotEmpty();
        Matcher report = Pattern.compile("report written to (\\S*replay-\\d{8}-\\d{6}\\.md)").matcher(replay.out());
        assertThat(report.find()).as(replay.out()).isTrue();
        assertThat(Files.readString(Path.of(report.group(1)))).as("the report lists the analysis' warnings")
                .contains("Warnings of the import's analysis:\n\n- ", "\n- Table live_heartbeat (");
    }

    @Test
    void aReplayGeneratingAFresherPodv2SqlBringsEveryNewRow() throws Exception {
        v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 10, 5);
        v3 = PodTestDatabase.wipedBlank(PodVersion.V3_0_5);
        Path recipe = dir.resolve("recipe.json");
        assertThat(CliRun.of(args("rehearse", "--podv2", dump(v2, "podv2.sql").toString(), "--write-recipe",
                recipe.toString())).exitCode()).isZero();
        TestBackups.execute(v2, "INSERT INTO video_type (id, title, slug, description) VALUES"
                        + " (9001, 'After the rehearsal', 'after-the-rehearsal', '')",
                "INSERT INTO video_discipline (id, title, slug, description) VALUES"
                        + " (9002, 'New discipline', 'new-discipline', '')");
        List<String> generate = new ArrayList<>(List.of(args("replay", recipe.toString(), "--generate")));
        TestServer server = TestServer.get();
        generate.addAll(List.of("--podmigrate.source.url=" + server.jdbcUrl(v2.name()),
                "--podmigrate.source.username=" + server.user(), "--podmigrate.source.password=" + server.password()));

        CliRun replay = CliRun.of(generate.toArray(String[]::new));

        assertThat(replay.err()).contains("replay: podv2 done");
        assertThat(replay.out()).contains("v2: source", "verdict: complete");
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        try (Connection c = v3.connect()) {
            assertThat(TestBackups.rows(c, "video_type")).anySatisfy(row -> assertThat(row).contains("After the rehearsal"));
            assertThat(TestBackups.rows(c, "video_discipline")).anySatisfy(row -> assertThat(row).contains("New discipline"));
        }
    }

    @Test
    void aReplayFailingMidImportExitsOneAndItsBackupRestoresTheTarget() throws Exception {
        v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 10, 7);
        v3 = PodTestDatabase.blank(PodVersion.V3_0_5);
        Path script = dump(v2, "podv2.sql");
        Path recipe = dir.resolve("recipe.json");
        assertThat(CliRun.of(args("rehearse", "--podv2", script.toString(), "--write-recipe", recipe.toString()))
                .exitCode()).isZero();
        Files.writeString(script, "\nINSERT INTO video_type (id, title) VALUES (9100, 'a', 'b');\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Map<String, Long> before = checksums(v3);

        CliRun replay = CliRun.of(args("replay", recipe.toString(), "--podv2", script.toString()));

        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isEqualTo(1);
        assertThat(replay.out()).contains("FAILED at step import", "restore it with: gunzip -c");
        assertThat(checksums(v3)).isNotEqualTo(before);
        String command = Arrays.stream(replay.out().split("\n")).filter(l -> l.startsWith("restore it with: "))
                .findFirst().orElseThrow().substring("restore it with: ".length())
                .replace("| mariadb ", "| " + TestServer.get().clientBinary() + " ");
        Process restore = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String said = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(restore.waitFor()).as(said).isZero();
        assertThat(checksums(v3)).isEqualTo(before);
    }

    @Test
    void aRehearsalOfAPodv2SqlTheConsoleGeneratedRecordsItsOptionsAndTheErrorPolicyGiven() throws Exception {
        v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 5, 9);
        v3 = PodTestDatabase.wipedBlank(PodVersion.V3_0_5);
        Workspace workspace = TestWorkspaces.in(dir.resolve("workspace"));
        ScriptFiles scripts = new ScriptFiles(workspace);
        JobRunner runner = new JobRunner(new JobStore(workspace), new RunStore(workspace));
        Podv2ScriptOptions generatedWith = new Podv2ScriptOptions(true, DumpOptions.Structure.CREATE_TABLE_IF_NOT_EXISTS,
                true, DumpOptions.InsertMode.INSERT_IGNORE, true);
        try {
            Job generation = new ScriptGeneration(new Databases(RunFixture.endpoint(v3),
                    Optional.of(RunFixture.endpoint(v2)), false), runner, scripts, new RunStore(workspace))
                    .start(generatedWith, "alice");
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!runner.find(generation.id()).orElseThrow().status().finished() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
        } finally {
            runner.destroy();
        }
        Path script = scripts.selected().orElseThrow().path();
        Path recipe = dir.resolve("recipe.json");

        CliRun rehearse = CliRun.of(args("rehearse", "--podv2", script.toString(), "--continue", "--write-recipe",
                recipe.toString()));

        assertThat(rehearse.exitCode()).as(rehearse.out() + rehearse.err()).isZero();
        Recipe written = Recipe.read(recipe);
        assertThat(written.podv2().generation()).isEqualTo(new Recipe.Generation(true, "create_table_if_not_exists",
                true, "insert_ignore", true));
        assertThat(written.errorPolicy()).isEqualTo("continue");
        assertThat(written.sourceDatabase()).isNull();
        assertThat(Recipe.read(workspace.exports().resolve(Recipe.FILE))).isEqualTo(written);
    }

    @Test
    void aRecipeThatIsNotOneIsRefusedBeforeAnyChange() throws Exception {
        v3 = PodTestDatabase.blank(PodVersion.V3_0_5);
        Path recipe = Files.writeString(dir.resolve("recipe.json"), "{\"format\": 1, \"podv2\": null,"
                + " \"sourceDatabase\": null, \"includeEphemeral\": false, \"errorPolicy\": \"sometimes\", \"site\": null,"
                + " \"siteFixes\": [], \"broadcasters\": [\"auth_user\"], \"checked\": [], \"rehearsal\": null}");
        Path script = Files.writeString(dir.resolve("podv2.sql"), "SELECT 1;\n");
        Map<String, Long> before = checksums(v3);

        CliRun replay = CliRun.of(args("replay", recipe.toString(), "--podv2", script.toString()));

        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.err()).contains("errorPolicy is 'sometimes'", "broadcasters names auth_user");
        assertThat(checksums(v3)).isEqualTo(before);
    }

    /** The verification's lines: the tables, the differences, the orphans and the verdict. */
    private static List<String> verificationTable(String out) {
        List<String> lines = List.of(out.split("\n"));
        int from = lines.indexOf(lines.stream().filter(l -> l.startsWith("V2 TABLE")).findFirst().orElse(""));
        int to = lines.indexOf(lines.stream().filter(l -> l.startsWith("verdict:")).findFirst().orElse(""));
        return from < 0 || to < 0 ? List.of() : lines.subList(from, to + 1);
    }

    private Path dump(PodTestDatabase db, String name) throws Exception {
        Path script = dir.resolve(name);
        try (Connection c = db.connect()) {
            new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().build()).write(c, script);
        }
        return script;
    }

    private String[] args(String... verb) {
        TestServer server = TestServer.get();
        List<String> args = new ArrayList<>(List.of(verb));
        args.addAll(List.of("--podmigrate.target.url=" + server.jdbcUrl(v3.name()),
                "--podmigrate.target.username=" + server.user(), "--podmigrate.target.password=" + server.password(),
                "--podmigrate.workspace=" + dir.resolve("workspace")));
        return args.toArray(String[]::new);
    }

    private static Map<String, Long> checksums(PodTestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return TestBackups.checksums(c);
        }
    }

    private static List<String> columns(PodTestDatabase db) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name, column_name, column_type, is_nullable, COALESCE(column_default, 'none'), extra"
                        + " FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY 1, 2")) {
            while (rs.next()) {
                columns.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                        + " " + rs.getString(5) + " " + rs.getString(6));
            }
        }
        return columns;
    }
}
