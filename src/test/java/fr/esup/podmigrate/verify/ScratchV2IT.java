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

    private Map<String, Long> loadedChecksums(PodTestDatabase target, Path script) throws Exception {
        try (ScratchV2 scratch = ScratchV2.load(TestBackups.endpoint(target.name()), script, null, dir, () -> false);
             Connection c = scratch.connect()) {
            return TestBackups.checksums(c);
        }
    }
}
