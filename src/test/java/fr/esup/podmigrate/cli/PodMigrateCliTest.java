package fr.esup.podmigrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PodMigrateCliTest {

    @TempDir
    Path dir;

    @Test
    void answersHelpWithTheVerbsInsteadOfStartingTheConsole() {
        assertThat(PodMigrateCli.handles(new String[] {"verify"})).isTrue();
        for (String help : new String[] {"help", "--help", "-h"}) {
            assertThat(PodMigrateCli.handles(new String[] {help})).isTrue();

            CliRun run = CliRun.of(help);

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains(AnalyzeCommand.USAGE, ImportCommand.USAGE, DumpCommand.USAGE, VerifyCommand.USAGE,
                    "--podmigrate.target.url=", "PODMIGRATE_TARGET_URL");
        }
    }

    @Test
    void refusesAScriptItCannotReadWithExitCode2() throws Exception {
        // pzstd's file: a skippable frame (magic number 0x184D2A50) before each zstd frame
        Path pzstd = Files.write(dir.resolve("pod.sql.zst"), new byte[] {0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 6, 0, 0, 0,
                0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 4, 0});

        CliRun run = CliRun.of("analyze", pzstd.toString());

        assertThat(run.exitCode()).isEqualTo(PodMigrateCli.REFUSED);
        assertThat(run.err()).contains("the script cannot be read", "as pzstd writes them", "pzstd -d FILE");
    }

    @Test
    void analysingWithoutATargetSaysTheScriptReadsAndAsksForTheTarget() throws Exception {
        Path script = Files.writeString(dir.resolve("podv2.sql"), "CREATE TABLE video_video (id int);\n"
                + "INSERT INTO video_video VALUES (1),(2);\nCREATE TABLE authentication_owner (id int);\n");

        CliRun run = CliRun.of("analyze", script.toString());

        assertThat(run.exitCode()).isEqualTo(PodMigrateCli.OK);
        assertThat(run.out()).contains("Verdict: readable, 2 tables; give the target to plan the import")
                .doesNotContain("ready to import");
    }

    @Test
    void analysingWarnsOfUtf8TextDeclaredLatin1AndOfACharsetItCannotDecode() throws Exception {
        Path script = Files.writeString(dir.resolve("podv2.sql"), "/*!40101 SET NAMES latin1 */;\n"
                + "CREATE TABLE video_video (id int, title varchar(99));\nCREATE TABLE authentication_owner (id int);\n"
                + "INSERT INTO video_video VALUES (1,'S\u00e9minaire \ud83d\ude00'),(2,'x');\n"
                + "INSERT INTO video_video VALUES (3,'\u00e9t\u00e9');\nSET NAMES sjis;\n");

        CliRun run = CliRun.of("analyze", script.toString());

        assertThat(run.exitCode()).isEqualTo(PodMigrateCli.OK);
        assertThat(run.out()).contains("2 statements (from line 4: INSERT INTO video_video VALUES (1,'S\u00c3\u00a9minaire",
                "declare a single-byte character set (SET NAMES latin1...) but hold UTF-8 text: the mariadb client"
                        + " would store their accented letters and emoji double-encoded",
                "1 SET statement (from line 6: SET NAMES sjis) declares a client character set the import"
                        + " cannot decode");
    }

    @Test
    void aWarningOfOneStatementSpeaksOfIt() throws Exception {
        Path script = Files.writeString(dir.resolve("podv2.sql"), "/*!40101 SET NAMES latin1 */;\n"
                + "CREATE TABLE video_video (id int, title varchar(99));\nCREATE TABLE authentication_owner (id int);\n"
                + "INSERT INTO video_video VALUES (1,'S\u00e9minaire');\n");

        CliRun run = CliRun.of("analyze", script.toString());

        assertThat(run.out()).contains("1 statement (from line 4: INSERT INTO video_video VALUES (1,'S\u00c3\u00a9minaire'))"
                + " declares a single-byte character set (SET NAMES latin1...) but holds UTF-8 text: the mariadb client"
                + " would store its accented letters");
    }

    @Test
    void leavesTheConsolesOwnArgumentsToTheConsole() {
        assertThat(PodMigrateCli.handles(new String[0])).isFalse();
        assertThat(PodMigrateCli.handles(new String[] {"--server.port=8081"})).isFalse();
        assertThat(PodMigrateCli.handles(new String[] {"dump", "--output", "podv2.sql"})).isTrue();
    }
}
