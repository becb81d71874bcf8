package fr.esup.podmigrate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bin/pod-migrate}, run on a probe jar that prints what the launcher handed the JVM. */
class LauncherScriptTest {

    private static final Path LAUNCHER = Path.of("bin/pod-migrate").toAbsolutePath();

    @TempDir
    Path dir;

    private Path probeJar;

    @BeforeEach
    void buildProbeJar() throws IOException {
        probeJar = dir.resolve("probe.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(probeJar); JarOutputStream jar = new JarOutputStream(file, manifest);
             InputStream probe = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            probe.transferTo(jar);
            jar.closeEntry();
        }
    }

    @Test
    void dumpRunsOnTheQuickCompilerAndTheSerialCollector() throws Exception {
        Result run = launch(Map.of("JAVA_OPTS", "-Xmx64m"), "dump", "--output", "podv2 file.sql");

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m")
                .contains("args=dump --output podv2 file.sql");
    }

    @Test
    void importAndAnalyzeRunOnTheParallelCollectorAndImportOptimisesItsHottestCodeAlone() throws Exception {
        for (String verb : List.of("import", "analyze")) {
            Result run = launch(Map.of(), verb, "podv2.sql");

            assertThat(run.exitCode()).isZero();
            assertThat(run.output()).doesNotContain("TieredStopAtLevel", "UseSerialGC").contains("-XX:+UseParallelGC")
                    .contains("args=" + verb + " podv2.sql");
        }
        assertThat(launch(Map.of(), "import", "podv2.sql").output()).contains("-XX:Tier4InvocationThreshold=200000",
                "-XX:Tier4BackEdgeThreshold=1600000");
        assertThat(launch(Map.of(), "analyze", "podv2.sql").output()).doesNotContain("Tier4");
        assertThat(launch(Map.of(), "verify").output()).doesNotContain("UseParallelGC", "UseSerialGC");
    }

    @Test
    void importAndAnalyzeOfAScriptUnderHalfAGigabytePlainGzippedOrZstdRunOnTheQuickCompilerAlone() throws Exception {
        Path plain = Files.writeString(dir.resolve("podv2.sql"), "-- MariaDB dump\nINSERT INTO t VALUES (1);\n");
        Path gzipped = dir.resolve("podv2.sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(Files.readAllBytes(plain));
        }
        Path zstd = Files.write(dir.resolve("podv2.sql.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});
        for (Path script : List.of(plain, gzipped, zstd)) {
            for (String verb : List.of("import", "analyze")) {
                assertThat(launch(Map.of(), verb, script.toString()).output()).as(verb + " " + script)
                        .contains("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1").doesNotContain("Tier4");
            }
        }
        Path large = dir.resolve("large.sql");
        try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
            file.setLength(512L << 20);
        }
        // a gzip file whose trailer (the last four bytes, little-endian) records 512 MiB
        byte[] largeGzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0x20};
        byte[] zip = {'P', 'K', 3, 4};
        byte[] bzip2 = {'B', 'Z', 'h', '9'};
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
        // a zstd file of 64 MiB, which may hold more than half a gigabyte
        Path largeZstd = Files.write(dir.resolve("large.sql.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});
        try (RandomAccessFile file = new RandomAccessFile(largeZstd.toFile(), "rw")) {
            file.setLength(64L << 20);
        }
        List<Path> others = List.of(large, Files.write(dir.resolve("large.sql.gz"), largeGzip),
                Files.write(dir.resolve("podv2.zip"), zip), Files.write(dir.resolve("podv2.sql.bz2"), bzip2),
                Files.write(dir.resolve("podv2.sql.xz"), xz), largeZstd);
        for (Path script : others) {
            assertThat(launch(Map.of(), "import", script.toString()).output()).as(script.toString())
                    .contains("-XX:+UseParallelGC", "-XX:Tier4InvocationThreshold=200000")
                    .doesNotContain("TieredStopAtLevel");
            assertThat(launch(Map.of(), "analyze", script.toString()).output()).as(script.toString())
                    .contains("-XX:+UseParallelGC").doesNotContain("TieredStopAtLevel", "Tier4");
        }
    }

    @Test
    void asksForHugePagesWhereTheKernelGivesThemOnRequest() throws Exception {
        Path setting = dir.resolve("transparent_hugepage");
        Map<String, String> environment = Map.of("POD_MIGRATE_THP_SETTING", setting.toString());
        Files.writeString(setting, "always [madvise] never\n");
        for (String verb : List.of("dump", "import", "analyze", "verify")) {
            assertThat(launch(environment, verb).output()).contains("-XX:+UseTransparentHugePages");
        }
        for (String elsewhere : List.of("[always] madvise never\n", "always madvise [never]\n")) {
            Files.writeString(setting, elsewhere);
            assertThat(launch(environment, "dump").output()).doesNotContain("TransparentHugePages");
        }
        Files.delete(setting);
        Result withoutTheSetting = launch(environment, "import");
        assertThat(withoutTheSetting.exitCode()).isZero();
        assertThat(withoutTheSetting.output()).doesNotContain("TransparentHugePages");
    }

    @Test
    void runsTheExtractedJarWithTheClassesItsFirstRunArchived() throws Exception {
        Files.createFile(dir.resolve("probe.extracts"));

        Result first = launch(Map.of(), "import", "podv2.sql");
        Result second = launch(Map.of(), "import", "podv2.sql");

        Path cache = dir.resolve("pod-migrate-launch");
        assertThat(first.exitCode()).isZero();
        assertThat(first.output()).contains("-XX:ArchiveClassesAtExit=" + cache).contains("classpath=" + cache)
                .contains("args=import podv2.sql");
        assertThat(second.exitCode()).isZero();
        assertThat(second.output()).contains("-XX:SharedArchiveFile=" + cache).contains("classpath=" + cache)
                .doesNotContain("ArchiveClassesAtExit").contains("args=import podv2.sql");
        assertThat(launch(Map.of("POD_MIGRATE_NO_CACHE", "1"), "import").output())
                .doesNotContain("SharedArchiveFile").contains("classpath=" + probeJar);
    }

    @Test
    void aPlainImportKeepsAClassArchiveApartFromAPodImports() throws Exception {
        Files.createFile(dir.resolve("probe.extracts"));
        Path cache = dir.resolve("pod-migrate-launch");

        Result firstPlain = launch(Map.of(), "import", "podv2.sql", "--plain");
        Result firstPod = launch(Map.of(), "import", "podv2.sql");
        Result pod = launch(Map.of(), "import", "podv2.sql");
        Result plain = launch(Map.of(), "import", "--plain", "podv2.sql");

        assertThat(firstPlain.output()).containsPattern("-XX:ArchiveClassesAtExit=\\S+/import-plain\\.jsa\\.\\d+");
        assertThat(firstPod.output()).containsPattern("-XX:ArchiveClassesAtExit=\\S+/import\\.jsa\\.\\d+");
        assertThat(pod.output()).containsPattern("-XX:SharedArchiveFile=\\S+/import\\.jsa ").contains("args=import podv2.sql");
        assertThat(plain.output()).containsPattern("-XX:SharedArchiveFile=\\S+/import-plain\\.jsa ")
                .contains("args=import --plain podv2.sql");
        assertThat(List.of(firstPlain, firstPod, pod, plain)).allSatisfy(run -> {
            assertThat(run.exitCode()).isZero();
            assertThat(run.output()).contains("classpath=" + cache);
        });
    }

    @Test
    void runsAJarThatCannotBeExtractedAsItIs() throws Exception {
        for (int run = 0; run < 2; run++) {
            Result launched = launch(Map.of(), "import", "podv2.sql");

            assertThat(launched.exitCode()).isZero();
            assertThat(launched.output()).doesNotContain("Archive").contains("classpath=" + probeJar);
        }
    }

    @Test
    void runsTheJarItsBuildLeftBesideItWhenNoneIsNamed() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project with spaces"));
        Path launcher = Files.createDirectories(project.resolve("bin")).resolve("pod-migrate");
        Files.copy(LAUNCHER, launcher);
        Path built = Files.createDirectories(project.resolve("target")).resolve("pod-migrate-9.9.jar");
        Files.copy(probeJar, built);
        Files.writeString(built.resolveSibling("pod-migrate-9.9.jar.original"), "not the one");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "dump", "--output", "x.sql");
        builder.environment().remove("POD_MIGRATE_JAR");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("POD_MIGRATE_NO_CACHE", "1");
        Process process = builder.directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isZero();
        assertThat(output).contains("classpath=" + built.toRealPath()).contains("args=dump --output x.sql");
    }

    @Test
    void saysHowToBuildTheJarWhenThereIsNone() throws Exception {
        Result run = launch(Map.of("POD_MIGRATE_JAR", dir.resolve("missing.jar").toString()), "dump");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("./mvnw -DskipTests package");
    }

    private record Result(int exitCode, String output) {
    }

    private Result launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("POD_MIGRATE_JAR", probeJar.toString());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(environment);
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
