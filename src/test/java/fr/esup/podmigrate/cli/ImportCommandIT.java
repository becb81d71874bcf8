package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.testsupport.TestFiles;
import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandIT {

    @TempDir
    Path dir;

    @Test
    void importsTheDatabaseSourceDatabaseNamesRatherThanTheOneTheAnalysisPicks() throws Exception {
        // the first section holds the most rows: the one the analysis picks
        try (PodTestDatabase first = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 5, 21);
             PodTestDatabase second = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 22);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path script = Files.writeString(dir.resolve("backup.sql"), section(first) + section(second));
            TestServer server = TestServer.get();

            CliRun picked = CliRun.of("analyze", script.toString());
            CliRun named = CliRun.of("analyze", script.toString(), "--source-database", second.name());
            // A freshly installed Pod v3 holds rows no backup holds: the console's guard refuses it as well.
            CliRun imported = CliRun.of("import", script.toString(), "--source-database", second.name(), "--force-over-data",
                    "--podmigrate.target.url=" + server.jdbcUrl(v3.name()),
                    "--podmigrate.target.username=" + server.user(),
                    "--podmigrate.target.password=" + server.password());

            assertThat(picked.out()).contains("Database imported: " + first.name() + ",",
                    "Database " + second.name() + " skipped");
            assertThat(named.out()).contains("Database imported: " + second.name() + ",",
                    "Database " + first.name() + " skipped");
            assertThat(imported.exitCode()).as(imported.err() + imported.out()).isZero();
            assertThat(imported.out()).contains("Database imported: " + second.name() + ",",
                    "Database " + first.name() + " skipped", "skipped database " + first.name() + ":");
            assertThat(videos(v3)).isEqualTo(videos(second)).isNotEqualTo(videos(first));
        }
    }

    @Test
    void leavesCachesOutAndSaysWhyUnlessIncludeEphemeralIsGiven() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 3, 23);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4);
             PodTestDatabase included = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path script = dir.resolve("podv2.sql");
            try (Connection c = v2.connect()) {
                c.createStatement().execute("INSERT INTO django_session VALUES ('k1', 'data', NOW())");
                new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().build()).write(c, script);
            }

            CliRun analyzed = CliRun.of("analyze", script.toString(), url(v3), user(), password());
            CliRun imported = CliRun.of("import", script.toString(), "--force-over-data", url(v3), user(), password());
            CliRun withCaches = CliRun.of("import", script.toString(), "--force-over-data", "--include-ephemeral",
                    url(included), user(), password());

            assertThat(analyzed.out()).containsPattern("django_session +ephemeral .*logged-in sessions")
                    .containsPattern("authentication_accessgroup_users +unread .*goes through authentication_owner_accessgroups")
                    .contains("Table django_session (1 row) is not imported");
            assertThat(imported.exitCode()).as(imported.err() + imported.out()).isZero();
            assertThat(imported.out()).contains("ephemeral django_session: 1 rows, logged-in sessions");
            assertThat(imported.out()).as("the analysis's warnings, before the import runs")
                    .containsSubsequence("Warnings:", "Table django_session (1 row) is not imported", "TABLE ");
            assertThat(rows(v3, "django_session")).isZero();
            assertThat(withCaches.exitCode()).as(withCaches.err() + withCaches.out()).isZero();
            assertThat(withCaches.out()).doesNotContain("ephemeral django_session");
            assertThat(rows(included, "django_session")).isEqualTo(1);
        }
    }

    /**
     * A gzipped nightly is read through a copy decompressed beside the checkpoint, gone once the import ends: its rows
     * land as those of the same script uncompressed, its long run of encoding logs loaded with their values bound alike
     * (read as the compressed file streams, it would go as INSERTs).
     */
    @Test
    void importsAGzippedNightlyAsTheSameScriptUncompressedAndLeavesNoCopy() throws Exception {
        // 100 videos: their encoding logs are a run of rows (256 KiB or more)
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 100, 24);
             PodTestDatabase fromPlain = PodTestDatabase.blank(PodVersion.V3_8_4);
             PodTestDatabase fromGzip = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path script = dir.resolve("nightly.sql");
            TestServer.get().mariadbDump(v2.name(), script);
            Path gzipped = TestFiles.gzipped(script);

            CliRun analyzed = CliRun.of("analyze", gzipped.toString());
            assertThat(analyzed.out()).as("the size of its SQL, not of the file")
                    .startsWith("nightly.sql.gz: " + Files.size(script) + " bytes of SQL, ");

            long before = TestServer.get().loadsAndBoundStatements();
            CliRun plain = CliRun.of("import", script.toString(), "--force-over-data", url(fromPlain), user(), password());
            long plainLoads = TestServer.get().loadsAndBoundStatements() - before;
            CliRun gzip = CliRun.of("import", gzipped.toString(), "--force-over-data", url(fromGzip), user(),
                    password());
            long gzipLoads = TestServer.get().loadsAndBoundStatements() - before - plainLoads;

            assertThat(plain.exitCode()).as(plain.err() + plain.out()).isZero();
            assertThat(gzip.exitCode()).as(gzip.err() + gzip.out()).isZero();
            assertThat(gzip.out()).doesNotContain("decompressed");
            List<String> tables = tables(fromPlain);
            assertThat(tables).isEqualTo(tables(fromGzip)).contains("video_video");
            for (String table : tables) {
                assertThat(rows(fromGzip, table)).as(table).isEqualTo(rows(fromPlain, table));
            }
            assertThat(rows(fromGzip, "video_video")).isPositive();
            assertThat(plainLoads).as("statements loaded as LOAD DATA or bound").isPositive();
            assertThat(gzipLoads).as("statements loaded as LOAD DATA or bound, gzipped").isEqualTo(plainLoads);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .containsExactlyInAnyOrder("nightly.sql", "nightly.sql.gz");
            }
        }
    }

    private static List<String> tables(PodTestDatabase db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SHOW TABLES")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static String url(PodTestDatabase db) {
        return "--podmigrate.target.url=" + TestServer.get().jdbcUrl(db.name());
    }

    private static String user() {
        return "--podmigrate.target.username=" + TestServer.get().user();
    }

    private static String password() {
        return "--podmigrate.target.password=" + TestServer.get().password();
    }

    private static long rows(PodTestDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void refusesASourceDatabaseTheScriptDoesNotHold() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 23)) {
            Path script = Files.writeString(dir.resolve("backup.sql"), section(v2));

            CliRun run = CliRun.of("analyze", script.toString(), "--source-database", "pm_test_nowhere");

            assertThat(run.exitCode()).isEqualTo(PodMigrateCli.REFUSED);
            assertThat(run.out()).contains("The script holds no database pm_test_nowhere: its USE lines name " + v2.name());
        }
    }

    @Test
    void refusesAScriptThatDeletesRowsBeforeAnyChange() throws Exception {
        try (PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path script = Files.writeString(dir.resolve("podv2.sql"),
                    "SET FOREIGN_KEY_CHECKS=0;\nINSERT INTO django_site VALUES (2, 'b.example.org', 'b');\n"
                            + "DELETE FROM django_site WHERE id = 1;\n");
            long sites = sites(v3);
            TestServer server = TestServer.get();

            CliRun run = CliRun.of("import", script.toString(), "--plain",
                    "--podmigrate.target.url=" + server.jdbcUrl(v3.name()),
                    "--podmigrate.target.username=" + server.user(),
                    "--podmigrate.target.password=" + server.password());

            assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(PodMigrateCli.REFUSED);
            assertThat(run.out()).contains("Refused before any change:",
                    "line 3: DELETE: DELETE FROM django_site WHERE id = 1");
            assertThat(sites(v3)).isEqualTo(sites);
        }
    }

    @Test
    void aNightlyHoldingTheServersAccountsIsRefusedWithHowToDumpWithoutThem() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 24)) {
            // what mariadb-dump --system=users writes after the databases
            Path script = Files.writeString(dir.resolve("nightly.sql"), section(v2)
                    + "CREATE USER `pm_test_never`@`localhost`;\n"
                    + "GRANT ALL PRIVILEGES ON *.* TO `pm_test_never`@`localhost`;\n"
                    + "/*M!100005 SET DEFAULT ROLE NONE FOR 'pm_test_never'@'localhost' */;\n"
                    + "DROP ROLE pm_test_never_role;\n");

            CliRun run = CliRun.of("analyze", script.toString());

            assertThat(run.exitCode()).isEqualTo(PodMigrateCli.REFUSED);
            assertThat(run.out()).contains("Refused: the statement creates a user or a role, which the import never does"
                    + " (mariadb-dump writes the server's accounts with --system=users or --system=all: dump the Pod"
                    + " database again without that option, or delete those lines from the script): CREATE USER",
                    "Refused: the statement grants privileges, which the import never does", "Refused: the statement"
                    + " alters a user, a password or the session's role, which the import never does",
                    "Refused: the statement drops a user or a role, which the import never does");
        }
    }

    /** The database's podv2.sql as a section of a backup of several: created, then used. */
    private String section(PodTestDatabase db) throws Exception {
        Path dump = dir.resolve(db.name() + ".sql");
        try (Connection c = db.connect()) {
            new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().build()).write(c, dump);
        }
        return "CREATE DATABASE IF NOT EXISTS `" + db.name() + "`;\nUSE `" + db.name() + "`;\n" + Files.readString(dump);
    }

    private static long videos(PodTestDatabase db) throws SQLException {
        return count(db, "video_video");
    }

    private static long sites(PodTestDatabase db) throws SQLException {
        return count(db, "django_site");
    }

    private static long count(PodTestDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
