package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.backup.TestBackups;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.testsupport.TestFiles;
import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The podv2.sql loaded into the scratch database that {@code verify} compares v3's rows with. */
class ScratchV2IT {

    @TempDir
    Path dir;

    /**
     * Gzipped, the script is loaded from a decompressed copy as it is plain: its encoding logs (a run of rows of
     * 256 KiB or more) go bound or as LOAD DATA in both, where streamed they would go as INSERTs.
     */
    @Test
    void aGzippedScriptLoadsAsItsPlainSelfAndLeavesNoCopy() throws Exception {
        TestServer server = TestServer.get();
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 100, 37);
             PodTestDatabase target = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path script = server.mariadbDump(v2.name(), dir.resolve("podv2.sql"));
            Path gzipped = TestFiles.gzipped(script);
            Map<String, Long> expected;
            try (Connection c = v2.connect()) {
                expected = TestBackups.checksums(c);
            }

            long before = server.loadsAndBoundStatements();
            Map<String, Long> fromPlain = loadedChecksums(target, script);
            long plainLoads = server.loadsAndBoundStatements() - before;
            Map<String, Long> fromGzip = loadedChecksums(target, gzipped);
            long gzipLoads = server.loadsAndBoundStatements() - before - plainLoads;

            assertThat(fromPlain).isEqualTo(expected);
            assertThat(fromGzip).isEqualTo(expected);
            assertThat(plainLoads).as("statements loaded as LOAD DATA or bound").isPositive();
            assertThat(gzipLoads).as("statements loaded as LOAD DATA or bound, gzipped").isEqualTo(plainLoads);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .containsExactlyInAnyOrder("podv2.sql", "podv2.sql.gz");
            }
        }
    }

    /**
     * A v2 on MySQL 8 dumps its tables in collations MariaDB 10.11 does not know: each gets the binary no-pad
     * collation of its set, under which the values a unique key of utf8mb4_0900_as_cs told apart (trailing space, case,
     * accent) stay apart, where the server refused the CREATE TABLE and the verification stopped.
     */
    @Test
    void aMysql8DumpLoadsWithItsUnknownCollationsStoodInFor() throws Exception {
        Path script = Files.writeString(dir.resolve("podv2.sql"), """
                -- MySQL dump 10.13  Distrib 8.0.40, for Linux (x86_64)
                /*!50503 SET NAMES utf8mb4 */;
                SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5';
                DROP TABLE IF EXISTS `tagging_tag`;
                /*!50503 SET character_set_client = utf8mb4 */;
                CREATE TABLE `tagging_tag` (
                  `id` int NOT NULL AUTO_INCREMENT,
                  `name` varchar(50) COLLATE utf8mb4_0900_as_cs NOT NULL,
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `name` (`name`)
                ) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
                /*!50001 SET collation_connection      = utf8mb4_0900_ai_ci */;
                INSERT INTO `tagging_tag` VALUES (1,'cours'),(2,'cours '),(3,'Cours'),(4,'cöurs');
                """);
        try (PodTestDatabase target = PodTestDatabase.blank(PodVersion.V3_8_4);
             ScratchV2 scratch = ScratchV2.load(TestBackups.endpoint(target.name()), script, null, dir, () -> false);
             Connection c = scratch.connect(); Statement statement = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM tagging_tag ORDER BY id")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            assertThat(names).containsExactly("cours", "cours ", "Cours", "cöurs");
            // MariaDB 11.4.5 and later know MySQL 8's collations (the embedded server among them): no stand-in there
            String expected = knows(statement, "utf8mb4_0900_ai_ci") ? null : "utf8mb4_nopad_bin";
            try (ResultSet rows = statement.executeQuery("SELECT table_collation,"
                    + " (SELECT collation_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND table_name = 'tagging_tag' AND column_name = 'name')"
                    + " FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'tagging_tag'")) {
                assertThat(rows.next()).isTrue();
                if (expected != null) {
                    assertThat(rows.getString(1)).isEqualTo(expected);
                    assertThat(rows.getString(2)).isEqualTo(expected);
                }
            }
        }
    }

    private static boolean knows(Statement statement, String collation) throws SQLException {
        try (ResultSet rows = statement.executeQuery(
                "SELECT COUNT(*) FROM information_schema.collations WHERE collation_name = '" + collation + "'")) {
            return rows.next() && rows.getLong(1) > 0;
        }
    }

    private Map<String, Long> loadedChecksums(PodTestDatabase target, Path script) throws Exception {
        try (ScratchV2 scratch = ScratchV2.load(TestBackups.endpoint(target.name()), script, null, dir, () -> false);
             Connection c = scratch.connect()) {
            return TestBackups.checksums(c);
        }
    }
}
