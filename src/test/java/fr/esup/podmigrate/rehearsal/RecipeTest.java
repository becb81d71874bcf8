package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.dump.Generated;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.run.RunFixture;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.config.InvalidSettingException;
import fr.esup.podmigrate.config.PodMigrateProperties;
import fr.esup.podmigrate.sql.load.ErrorPolicy;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recipe's file, the rehearsal server's setting and the scratch database's name. */
class RecipeTest {

    @TempDir
    Path dir;

    private static Recipe recipe(String errorPolicy, List<String> fixes, List<String> broadcasters) {
        return new Recipe(1, new Recipe.Podv2("/srv/podv2.sql",
                new Recipe.Generation(true, "create_table_if_not_exists", true, "insert_ignore", false)), null, false,
                errorPolicy, new Recipe.Site("video.univ.fr", "Pod"), fixes, broadcasters, List.of("video_type"),
                new Recipe.Rehearsed("2026-12-01T09:12:44Z", "complete", Map.of("import", 41_000L)));
    }

    @Test
    void aRecipeReadsBackAsWrittenAndIsReadableByAPerson() throws Exception {
        Recipe written = recipe("continue", List.of("default-site:video_channel"), List.of("live_broadcaster"));
        Path file = dir.resolve("recipe.json");
        written.write(file);

        assertThat(Recipe.read(file)).isEqualTo(written);
        assertThat(Files.readAllLines(file)).hasSizeGreaterThan(10)
                .anySatisfy(line -> assertThat(line).contains("\"errorPolicy\" : \"continue\""));
        assertThat(written.policy()).isEqualTo(ErrorPolicy.CONTINUE);
        assertThat(written.podv2().generation().options().excludeTables()).isTrue();
    }

    @Test
    void theOptionsTheConsoleGeneratedTheScriptWithAreRecordedAndReadBackAsThemselves() throws Exception {
        Podv2ScriptOptions chosen = new Podv2ScriptOptions(false, DumpOptions.Structure.NONE, false,
                DumpOptions.InsertMode.INSERT, true);
        try (RunFixture run = RunFixture.on(new Databases(new DatabaseEndpoint("jdbc:mariadb://v3.univ.fr/pod", "pod",
                "s", "t"), Optional.empty(), false))) {
            run.job(WizardStep.DUMP, JobStatus.SUCCEEDED, Instant.parse("2026-12-01T08:00:00Z"),
                    new Generated("exports/podv2-1.sql.gz", Map.of(), chosen));
            run.job(WizardStep.DUMP, JobStatus.SUCCEEDED, Instant.parse("2026-12-01T09:00:00Z"),
                    new Generated("exports/podv2-2.sql", Map.of(), Podv2ScriptOptions.PROCEDURE));
            Path generated = run.workspace.root().resolve("exports/podv2-1.sql.gz");

            Optional<Recipe.Generation> found = Rehearsal.generation(generated, run.workspace, run.jobs);
            Optional<Recipe.Generation> uploaded = Rehearsal.generation(run.workspace.uploads().resolve("podv2.sql"),
                    run.workspace, run.jobs);

            assertThat(found).hasValue(Recipe.Generation.of(chosen));
            assertThat(found.orElseThrow().options()).isEqualTo(chosen);
            assertThat(uploaded).isEmpty();
        }
    }

    @Test
    void theImportsChoicesReplaceTheDefaultsAndNothingElse() {
        Recipe defaults = recipe("stop", List.of(), List.of());

        Recipe chosen = defaults.withImport("pod_v2", true, true);

        assertThat(chosen.sourceDatabase()).isEqualTo("pod_v2");
        assertThat(chosen.includeEphemeral()).isTrue();
        assertThat(chosen.policy()).isEqualTo(ErrorPolicy.CONTINUE);
        assertThat(chosen.withImport(null, false, false)).isEqualTo(defaults);
    }

    @Test
    void aRecipeWithAChoiceNoReplayCanMakeIsRefusedNamingIt() throws Exception {
        Path file = dir.resolve("recipe.json");
        recipe("stop", List.of("DROP TABLE x"), List.of("auth_user")).write(file);

        assertThatThrownBy(() -> Recipe.read(file)).isInstanceOf(Refused.class)
                .hasMessageContaining("siteFixes has 'DROP TABLE x'")
                .hasMessageContaining("broadcasters names auth_user");
        Files.writeString(file, Files.readString(file).replace("\"checked\"", "\"password\" : \"x\", \"checked\""));
        assertThatThrownBy(() -> Recipe.read(file)).isInstanceOf(Refused.class).hasMessageContaining("password");
    }

    @Test
    void theRehearsalServerIsValidatedAndItsPasswordNeverShown() {
        PodMigrateProperties valid = TestWorkspaces.properties(dir);
        assertThatThrownBy(() -> new PodMigrateProperties(valid.target(), valid.source(), dir, valid.operator(),
                valid.upload(), valid.login(), new PodMigrateProperties.Database("postgres://h/x", "u", "hunter2")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("podmigrate.rehearsal.url")
                .hasMessageNotContaining("hunter2");
        assertThat(new PodMigrateProperties.Database("jdbc:mariadb://h/x", "u", "hunter2").toString())
                .doesNotContain("hunter2");
    }

    @Test
    void theScratchDatabaseIsTheTargetsNameWithTheSuffixOnTheRehearsalServerWhenSet() {
        DatabaseEndpoint target = new DatabaseEndpoint("jdbc:mariadb://v3.univ.fr:3306/pod?sslMode=trust", "pod", "s",
                "t");
        DatabaseEndpoint server = new DatabaseEndpoint("jdbc:mariadb://scratch.univ.fr/mysql", "rehearse", "r", "r");

        DatabaseEndpoint beside = ScratchCopy.of(target, Optional.empty()).endpoint();
        DatabaseEndpoint elsewhere = ScratchCopy.of(target, Optional.of(server)).endpoint();

        assertThat(beside.toString()).isEqualTo("pod@v3.univ.fr:3306/pod_pmrehearsal");
        assertThat(elsewhere.toString()).isEqualTo("rehearse@scratch.univ.fr:3306/pod_pmrehearsal");
        assertThat(elsewhere.secret()).isEqualTo("r");
    }
}
