package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.backup.TestBackups;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.sql.load.Checkpoint;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.v2.TableQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import whose process is killed (SIGKILL: nothing of it runs after) resumes to every row, and its summary's
 * counts are the tables' own: the rows the killed run committed after its last checkpoint count as inserted, not as
 * duplicates.
 */
class ImportCommandKillIT {

    private static final Pattern TABLE_LINE = Pattern.compile(
            "^(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(-|\\d+)\\s+(-|\\d+)$", Pattern.MULTILINE);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void aKilledImportResumesWithASummaryThatCountsEveryRowOnce() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3000, 41);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4);
             PodTestDatabase uninterrupted = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path script = dir.resolve("podv2.sql");
            try (Connection c = v2.connect()) {
                new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().build()).write(c, script);
            }
            Path checkpoint = dir.resolve("podv2.checkpoint");
            Map<String, String> structure = v3.structures();

            Process importing = new ProcessBuilder(command(v3, script, checkpoint))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
            boolean killedMidWay = killOnceHalfWay(importing, checkpoint);

            assertThat(killedMidWay).as("the import was still running when it was killed").isTrue();
            CliRun resumed = CliRun.of(arguments(v3, script, checkpoint, "--resume").toArray(String[]::new));

            assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
            assertThat(resumed.out()).doesNotContain("COUNT MISMATCH");
            Matcher line = TABLE_LINE.matcher(resumed.out());
            int tables = 0;
            try (Connection c = v3.connect()) {
                while (line.find()) {
                    if (line.group(7).equals("-")) {
                        continue;
                    }
                    long rows = TableQueries.rowCounts(TableQueries.on(c), List.of(line.group(1))).get(line.group(1));
                    assertThat(Long.parseLong(line.group(3))).as("inserted into %s", line.group(1)).isEqualTo(rows);
                    assertThat(line.group(7)).as("counted in %s", line.group(1)).isEqualTo(String.valueOf(rows));
                    tables++;
                }
            }
            assertThat(tables).isGreaterThan(20);
            CliRun whole = CliRun.of(arguments(uninterrupted, script, dir.resolve("whole.checkpoint")).toArray(String[]::new));
            assertThat(summary(resumed.out())).as("the rows of tables skipped, ignored, refused by a key")
                    .isEqualTo(summary(whole.out()));
            // the keys the killed import held back, if it held some then, the resumed one gave back
            assertThat(v3.structures()).isEqualTo(structure);
            assertThat(TestBackups.count(v3.connect(), "video_video")).isEqualTo(TestBackups.count(v2.connect(), "video_video"));
        }
    }

    /** The table of counts, and under each table the rows a key refused or the server changed, without samples. */
    private static List<String> summary(String out) {
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (TABLE_LINE.matcher(line).matches()) {
                lines.add(line);
            } else if (line.startsWith("    ") && line.contains(" row(s)")) {
                lines.add(line.substring(0, line.indexOf(" row(s)")));
            }
        }
        return lines;
    }

    /** Kills the import (SIGKILL) once its checkpoint says it has done some statements; false if it ended first. */
    private static boolean killOnceHalfWay(Process importing, Path checkpoint) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && importing.isAlive()) {
            Optional<Checkpoint> saved = readable(checkpoint);
            if (saved.isPresent() && saved.get().executedStatements() > 50) {
                importing.destroyForcibly();
                importing.waitFor();
                return true;
            }
            importing.waitFor(20, TimeUnit.MILLISECONDS);
        }
        importing.destroyForcibly();
        return false;
    }

    private static Optional<Checkpoint> readable(Path checkpoint) {
        try {
            return Checkpoint.read(checkpoint);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> command(PodTestDatabase target, Path script, Path checkpoint) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "fr.esup.podmigrate.PodMigrateApplication"));
        command.addAll(arguments(target, script, checkpoint, "--parallel", "2"));
        return command;
    }

    private static List<String> arguments(PodTestDatabase target, Path script, Path checkpoint, String... options) {
        TestServer server = TestServer.get();
        List<String> args = new ArrayList<>(List.of("import", script.toString(),
                "--podmigrate.target.url=" + server.jdbcUrl(target.name()),
                "--podmigrate.target.username=" + server.user(),
                "--podmigrate.target.password=" + server.password(),
                "--checkpoint", checkpoint.toString()));
        args.addAll(List.of(options));
        return args;
    }
}
