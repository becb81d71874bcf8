package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.config.EmbeddedMariaDb;
import fr.esup.podmigrate.config.ServerAddress;
import fr.esup.podmigrate.pod.PodSchemas;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.pod.V2DataGenerator;
import fr.esup.podmigrate.sql.Identifiers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code bench/run}: on one server, into fresh databases, our import against {@code mariadb db < file} on the
 * same file, our Pod import of that nightly dump into a blank Pod 3.8.4 (the real job), plain and gzipped,
 * myloader's load of mydumper's dump of the same database when both are on the PATH, and our dump against
 * {@code mariadb-dump} with equivalent options. Every import runs {@value #ROUNDS} times and every dump
 * {@value #DUMP_ROUNDS}, each tool in turn, and the medians count.
 * Ours run as separate JVMs through {@code bin/pod-migrate}, as an operator runs them; the dump also through a bare
 * {@code java -jar}, for comparison. Prints throughput, peak RSS and heap, the CPU the server and each tool took (where
 * the server's process can be seen, see {@link CpuClock}), and as its last line
 * {@code import_time_ratio=R1 dump_time_ratio=R2 peak_heap_mb=H pod_import_time_ratio=R3 myloader_time_ratio=R4}
 * (our or their time divided by the client's; R4 is {@code na} without myloader).
 */
public final class Benchmark {

    private static final Pattern PEAK_HEAP = Pattern.compile("peak_heap_mb=(\\d+)");
    private static final String HEAP = "-Xmx256m";
    private static final int ROUNDS = 3;
    private static final int DUMP_ROUNDS = 5;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String client;
    private final String dumpClient;
    private final Path jar;
    private final Path launcher;
    private final Path work;
    /** The CPU each tool's runs took, by the name the summary gives them, in the order they first ran. */
    private final Map<Tool, List<CpuClock.Usage>> cpuUsed = new LinkedHashMap<>();
    private CpuClock cpu;

    private Benchmark(String host, int port, String user, String password, String client, String dumpClient, Path jar,
                      Path work) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.client = client;
        this.dumpClient = dumpClient;
        this.jar = jar;
        this.launcher = Path.of(System.getProperty("podmigrate.bench.launcher", "bin/pod-migrate")).toAbsolutePath();
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : V2DataGenerator.BENCH_SCALE;
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path jar = Path.of(System.getProperty("podmigrate.bench.jar", "target/pod-migrate-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        Path work = Files.createTempDirectory("pod-migrate-bench");
        String serverUrl = System.getenv("PODMIGRATE_TEST_SERVER_URL");
        if (serverUrl != null && !serverUrl.isBlank()) {
            ServerAddress server = ServerAddress.parse(serverUrl);
            new Benchmark(server.host(), server.port(), server.user(), server.password(), "mariadb", "mariadb-dump", jar,
                    work).run(scale, parallel, "server " + server);
        } else {
            try (EmbeddedMariaDb db = EmbeddedMariaDb.start(work.resolve("mariadb"))) {
                new Benchmark("127.0.0.1", db.port(), "root", "", db.clientBinary().toString(), db.dumpBinary().toString(),
                        jar, work).run(scale, parallel, "embedded MariaDB on port " + db.port());
            }
        }
    }

    private void run(int scale, int parallel, String where) throws Exception {
        System.out.printf(Locale.ROOT, "Benchmark on the %s, scale %d, our import on %d connections, %d cores%n", where,
                scale, parallel, Runtime.getRuntime().availableProcessors());
        String source = "pm_bench_source";
        String byClient = "pm_bench_client_import";
        String byUs = "pm_bench_our_import";
        String podTarget = "pm_bench_pod_import";
        String podGzipTarget = "pm_bench_pod_gzip_import";
        String byMyloader = "pm_bench_myloader_import";
        try {
            recreate(source);
            long rows;
            try (Connection c = connect(source)) {
                cpu = CpuClock.of(c);
                long t = System.nanoTime();
                rows = V2DataGenerator.generate(c, PodVersion.V2_9_1, scale, 42).total();
                System.out.printf(Locale.ROOT, "Generated a Pod 2.9.1 database of %d rows in %.1f s%n", rows, seconds(t));
            }
            Path script = work.resolve("podv2-bench.sql");
            runProcess(List.of(dumpClient, "--no-defaults", "--skip-ssl", "-h", host, "-P", String.valueOf(port), "-u", user,
                    passwordArg(), "--single-transaction", "--hex-blob", "--default-character-set=utf8mb4", source), null, script);
            double mb = Files.size(script) / 1e6;
            System.out.printf(Locale.ROOT, "Script: %s, %.1f MB (mariadb-dump, default options)%n", script, mb);
            Path gzipped = gzipped(script);

            Path mydumped = work.resolve("mydumper");
            boolean myloader = onPath("mydumper") && onPath("myloader");
            List<Double> mydumperTimes = new ArrayList<>();
            List<Double> clientImports = new ArrayList<>();
            List<Measured> ourImports = new ArrayList<>();
            List<Measured> podImports = new ArrayList<>();
            List<Measured> podGzipImports = new ArrayList<>();
            List<Double> myloaderImports = new ArrayList<>();
            List<String> plainImport = List.of("import", script.toString(), "--plain", "--parallel",
                    String.valueOf(parallel), "--force-over-data", "--report-memory", "--podmigrate.target.url="
                    + jdbcUrl(byUs), "--podmigrate.target.username=" + user, "--podmigrate.target.password=" + password);
            List<String> podImportArgs = podImport(script, podTarget, parallel);
            // bin/pod-migrate's first plain import and first Pod import after a build record the class archive of
            // each, once for all the imports after them (the first also extracts the jar): those runs are not measured.
            recreate(byUs);
            runOurs(true, plainImport);
            recreateBlankPod(podTarget);
            runOurs(true, podImportArgs);
            // An import takes a minute at most, where a busy moment of the server shows: each tool runs in turn.
            for (int round = 0; round < ROUNDS; round++) {
                recreate(byClient);
                CpuClock.Sample before = cpu.now();
                long t = System.nanoTime();
                runProcess(clientCommand(byClient), script, null);
                clientImports.add(seconds(t));
                used("import  mariadb client", "mariadb", before);

                recreate(byUs);
                // The fresh database is no Pod v3 (no django_migrations): only the flag lets it in.
                before = cpu.now();
                ourImports.add(runOurs(true, plainImport));
                used("import  pod-migrate", "pod-migrate", before);

                // A fresh Pod install: the import lets it in, renames, drops and fills v2's columns, keeps v3's tables.
                recreateBlankPod(podTarget);
                before = cpu.now();
                podImports.add(runOurs(true, podImportArgs));
                used("import  pod-migrate, Pod import", "pod-migrate", before);

                // The same nightly as most sites keep it, gzipped: the import reads it through a decompressed copy.
                recreateBlankPod(podGzipTarget);
                podGzipImports.add(runOurs(true, podImport(gzipped, podGzipTarget, parallel)));

                if (myloader) {
                    deleteTree(mydumped);
                    t = System.nanoTime();
                    runProcess(withPassword(List.of("mydumper", "-h", host, "-P", String.valueOf(port), "-u", user,
                            "-B", source, "-o", mydumped.toString())), null, null);
                    mydumperTimes.add(seconds(t));
                    recreate(byMyloader);
                    before = cpu.now();
                    t = System.nanoTime();
                    runProcess(withPassword(List.of("myloader", "-h", host, "-P", String.valueOf(port), "-u", user,
                            "-d", mydumped.toString(), "-B", byMyloader, "-o", "-t", "4")), null, null);
                    myloaderImports.add(seconds(t));
                    used("import  myloader -t 4", "myloader", before);
                }
            }
            double clientImport = medianSeconds(clientImports);
            Measured ourImport = median(ourImports);
            Measured podImport = median(podImports);
            Measured podGzipImport = median(podGzipImports);
            compare("our import", source, byClient, byUs);
            if (myloader) {
                compare("myloader's import", source, byClient, byMyloader);
            }
            System.out.printf(Locale.ROOT, "import  mariadb client: %6.2f s %9.0f rows/s %6.1f MB/s  (median of %s)%n",
                    clientImport, rows / clientImport, mb / clientImport, times(clientImports));
            System.out.printf(Locale.ROOT, "import  pod-migrate:    %6.2f s %9.0f rows/s %6.1f MB/s  peak RSS %d MB, peak heap %d MB"
                    + "  (median of %s)%n", ourImport.seconds, rows / ourImport.seconds, mb / ourImport.seconds,
                    ourImport.peakRssMb, ourImport.peakHeapMb, times(ourImports.stream().map(Measured::seconds).toList()));
            System.out.printf(Locale.ROOT, "import  pod-migrate, Pod import into a blank Pod 3.8.4: %6.2f s, every table's"
                    + " count checked by the import  peak heap %d MB  (median of %s)%n", podImport.seconds,
                    podImport.peakHeapMb, times(podImports.stream().map(Measured::seconds).toList()));
            System.out.printf(Locale.ROOT, "import  pod-migrate, Pod import of the same script gzipped (%.1f MB):"
                    + " %6.2f s, ratio %.2f  peak heap %d MB  (median of %s)%n", Files.size(gzipped) / 1e6,
                    podGzipImport.seconds, podGzipImport.seconds / clientImport, podGzipImport.peakHeapMb,
                    times(podGzipImports.stream().map(Measured::seconds).toList()));
            double myloaderImport = myloader ? medianSeconds(myloaderImports) : Double.NaN;
            if (myloader) {
                System.out.printf(Locale.ROOT, "import  myloader -t 4 of mydumper's output: %6.2f s  (median of %s);"
                        + " mydumper: %.2f s%n", myloaderImport, times(myloaderImports), medianSeconds(mydumperTimes));
            } else {
                System.out.println("import  myloader: not on the PATH (apt-get install mydumper), not measured");
            }
            printCpu("import ");
            // The verify step on the last Pod import: every row compared with the source's through the renames.
            Measured verified = runOurs(true, List.of("verify", "--podmigrate.source.url=" + jdbcUrl(source),
                    "--podmigrate.source.username=" + user, "--podmigrate.source.password=" + password,
                    "--podmigrate.target.url=" + jdbcUrl(podTarget), "--podmigrate.target.username=" + user,
                    "--podmigrate.target.password=" + password), Set.of(0, 1));
            System.out.printf(Locale.ROOT, "verify  pod-migrate, every row of the Pod import compared with the source:"
                            + " %6.2f s, %.2f of the Pod import's time, verdict %s%n", verified.seconds,
                    verified.seconds / podImport.seconds, verified.exitCode == 0 ? "complete" : "not complete");

            Path clientDump = work.resolve("mariadb-dump.sql");
            Path ourDump = work.resolve("pod-migrate-dump.sql");
            List<String> dumpArgs = List.of("dump", "--output", ourDump.toString(), "--all-tables", "--structure",
                    "drop-create", "--insert", "insert", "--no-truncate", "--report-memory",
                    "--podmigrate.source.url=" + jdbcUrl(source), "--podmigrate.source.username=" + user,
                    "--podmigrate.source.password=" + password);
            // bin/pod-migrate's first dump after a build extracts the jar and records its class archive, once for all
            // the dumps after it: that run is not one of them.
            runOurs(true, dumpArgs);
            Files.deleteIfExists(ourDump);
            // A dump takes seconds, where a busy moment of the server shows: each tool runs in turn, more rounds than
            // the imports. Each dump's file is deleted once written, outside its time: the kernel writes a file's pages
            // back after the run that wrote them, during the next run, which paid for them (our dump took 1.27 s right
            // after mariadb-dump's, whose file stayed, and 1.02 s right after one of ours whose file was gone, medians
            // of 8 interleaved rounds).
            List<Double> clientDumps = new ArrayList<>();
            List<Measured> ourDumps = new ArrayList<>();
            List<Measured> bareJarDumps = new ArrayList<>();
            long clientDumpBytes = 0;
            long ourDumpBytes = 0;
            for (int round = 0; round < DUMP_ROUNDS; round++) {
                CpuClock.Sample before = cpu.now();
                long t = System.nanoTime();
                runProcess(List.of(dumpClient, "--no-defaults", "--skip-ssl", "-h", host, "-P", String.valueOf(port), "-u",
                        user, passwordArg(), "--single-transaction", "--complete-insert", "--hex-blob",
                        "--default-character-set=utf8mb4", source), null, clientDump);
                clientDumps.add(seconds(t));
                used("dump    mariadb-dump", "mariadb-dump", before);
                clientDumpBytes = deleteWritten(clientDump);
                before = cpu.now();
                ourDumps.add(runOurs(true, dumpArgs));
                used("dump    pod-migrate", "pod-migrate", before);
                ourDumpBytes = deleteWritten(ourDump);
                bareJarDumps.add(runOurs(false, dumpArgs));
                deleteWritten(ourDump);
            }
            double clientDumpTime = medianSeconds(clientDumps);
            Measured ourDumpRun = median(ourDumps);
            Measured bareJarDump = median(bareJarDumps);
            double dumpMb = clientDumpBytes / 1e6;
            System.out.printf(Locale.ROOT, "dump    mariadb-dump:   %6.2f s %9.0f rows/s %6.1f MB/s  (median of %s)%n",
                    clientDumpTime, rows / clientDumpTime, dumpMb / clientDumpTime, times(clientDumps));
            System.out.printf(Locale.ROOT, "dump    pod-migrate:    %6.2f s %9.0f rows/s %6.1f MB/s  peak RSS %d MB, peak heap %d MB"
                    + "  (median of %s)%n", ourDumpRun.seconds, rows / ourDumpRun.seconds,
                    ourDumpBytes / 1e6 / ourDumpRun.seconds, ourDumpRun.peakRssMb, ourDumpRun.peakHeapMb,
                    times(ourDumps.stream().map(Measured::seconds).toList()));
            System.out.printf(Locale.ROOT, "dump    java -jar with the JVM's default settings instead of bin/pod-migrate's: %6.2f s,"
                    + " ratio %.2f (median of %s)%n", bareJarDump.seconds, bareJarDump.seconds / clientDumpTime,
                    times(bareJarDumps.stream().map(Measured::seconds).toList()));
            printCpu("dump   ");
            long peakHeapMb = 0;
            for (Measured run : concat(ourImports, podImports, podGzipImports, ourDumps)) {
                peakHeapMb = Math.max(peakHeapMb, run.peakHeapMb);
            }
            System.out.printf(Locale.ROOT, "import_time_ratio=%.2f dump_time_ratio=%.2f peak_heap_mb=%d"
                            + " pod_import_time_ratio=%.2f myloader_time_ratio=%s%n",
                    ourImport.seconds / clientImport, ourDumpRun.seconds / clientDumpTime, peakHeapMb,
                    podImport.seconds / clientImport,
                    myloader ? String.format(Locale.ROOT, "%.2f", myloaderImport / clientImport) : "na");
        } finally {
            for (String db : List.of(source, byClient, byUs, podTarget, podGzipTarget, byMyloader)) {
                execute("DROP DATABASE IF EXISTS " + Identifiers.quote(db));
            }
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).filter(p -> !p.startsWith(work.resolve("mariadb")))
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Measured(double seconds, long peakRssMb, long peakHeapMb, int exitCode) {
    }

    /**
     * A tool whose CPU the summary gives.
     *
     * @param name    as the summary names it, after its section ({@code import  } or {@code dump    })
     * @param process what the tool's own share of the CPU is called
     */
    private record Tool(String name, String process) {
    }

    /** Notes the CPU a run of a tool took since {@code before}. */
    private void used(String name, String process, CpuClock.Sample before) {
        cpuUsed.computeIfAbsent(new Tool(name, process), tool -> new ArrayList<>()).add(cpu.since(before));
    }

    /**
     * Prints the median CPU of each tool whose name starts with {@code section}: on 2 cores, a run whose server and
     * tool together take twice its wall time had no core idle.
     */
    private void printCpu(String section) {
        cpuUsed.forEach((tool, runs) -> {
            if (tool.name().startsWith(section)) {
                CpuClock.Usage median = new CpuClock.Usage(
                        medianSeconds(runs.stream().map(CpuClock.Usage::server).toList()),
                        medianSeconds(runs.stream().map(CpuClock.Usage::tool).toList()));
                System.out.printf(Locale.ROOT, "cpu     %s: %s (medians of %d runs)%n",
                        tool.name().substring(section.length()).strip(), CpuClock.describe(median, tool.process()),
                        runs.size());
            }
        });
    }

    @SafeVarargs
    private static List<Measured> concat(List<Measured>... lists) {
        List<Measured> all = new ArrayList<>();
        for (List<Measured> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    /** The script gzipped, as a nightly backup piped to gzip, at the quickest level: its writing is not measured. */
    private static Path gzipped(Path script) throws IOException {
        Path gzipped = script.resolveSibling(script.getFileName() + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            Files.copy(script, out);
        }
        return gzipped;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private List<String> withPassword(List<String> command) {
        List<String> full = new ArrayList<>(command);
        if (!password.isEmpty()) {
            full.addAll(List.of("-p", password));
        }
        return full;
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double medianSeconds(List<Double> seconds) {
        return seconds.stream().sorted().toList().get(seconds.size() / 2);
    }

    private static String times(List<Double> seconds) {
        return String.join(" ", seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f s", s)).toList());
    }

    private static Measured median(List<Measured> runs) {
        return runs.stream().sorted(Comparator.comparingDouble(Measured::seconds)).toList().get(runs.size() / 2);
    }

    /**
     * Runs the packaged jar's verb in its own JVM with a small heap, through the launcher or a bare {@code java -jar},
     * sampling its peak RSS.
     */
    private Measured runOurs(boolean throughLauncher, List<String> verbArgs) throws IOException, InterruptedException {
        return runOurs(throughLauncher, verbArgs, Set.of(0));
    }

    /** @param succeeded the exit codes that mean the verb ran (verify's 1 is a verdict, not a failure) */
    private Measured runOurs(boolean throughLauncher, List<String> verbArgs, Set<Integer> succeeded)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(throughLauncher ? List.of(launcher.toString())
                : List.of(java, HEAP, "-jar", jar.toString()));
        command.addAll(verbArgs);
        Path log = Files.createTempFile(work, "ours", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA", java);
        builder.environment().put("JAVA_OPTS", HEAP);
        builder.environment().put("POD_MIGRATE_JAR", jar.toString());
        long t = System.nanoTime();
        Process process = builder.start();
        long peakRssKb = 0;
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        // Waits on the process itself between samples: its time ends when it exits, as the clients' do, not up to a
        // sampling interval later.
        do {
            peakRssKb = Math.max(peakRssKb, vmHwmKb(status));
        } while (!process.waitFor(50, TimeUnit.MILLISECONDS));
        double elapsed = seconds(t);
        String output = Files.readString(log);
        if (!succeeded.contains(process.exitValue())) {
            throw new IllegalStateException("pod-migrate " + verbArgs.get(0) + " failed (" + process.exitValue() + "):\n" + output);
        }
        Matcher heap = PEAK_HEAP.matcher(output);
        return new Measured(elapsed, peakRssKb / 1024, heap.find() ? Long.parseLong(heap.group(1)) : -1,
                process.exitValue());
    }

    /** The size of a file a dump has just written, which it deletes. */
    private static long deleteWritten(Path file) throws IOException {
        long size = Files.size(file);
        Files.delete(file);
        return size;
    }

    private static long vmHwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private void compare(String what, String source, String byClient, String other) throws SQLException {
        Map<String, String> expected = tables(byClient);
        Map<String, String> actual = tables(other);
        if (!expected.equals(actual)) {
            System.out.println("WARNING: " + what + " differs from the client's: " + difference(expected, actual));
        } else if (!expected.equals(tables(source))) {
            System.out.println("WARNING: the imports differ from the source database");
        } else {
            System.out.printf(Locale.ROOT, "The client's import and %s equal the source: %d tables, same CHECKSUM TABLE"
                    + " and SHOW CREATE TABLE%n", what, expected.size());
        }
    }

    private static String difference(Map<String, String> expected, Map<String, String> actual) {
        List<String> tables = new ArrayList<>();
        expected.forEach((table, sum) -> {
            if (!sum.equals(actual.get(table))) {
                tables.add(table);
            }
        });
        return tables.isEmpty() ? "tables " + actual.keySet() : String.join(", ", tables);
    }

    /** Each table's CHECKSUM TABLE and SHOW CREATE TABLE (but its next AUTO_INCREMENT), by name. */
    private Map<String, String> tables(String db) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("CHECKSUM TABLE " + Identifiers.quote(table))) {
                    rs.next();
                    sums.put(table, rs.getString(2));
                }
                try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + Identifiers.quote(table))) {
                    rs.next();
                    String create = rs.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", "");
                    sums.merge(table, create, (sum, structure) -> sum + "\n" + structure);
                }
            }
        }
        return sums;
    }

    private List<String> clientCommand(String db) {
        return List.of(client, "--no-defaults", "--skip-ssl", "-h", host, "-P", String.valueOf(port), "-u", user, passwordArg(),
                "--default-character-set=utf8mb4", db);
    }

    private String passwordArg() {
        return "--password=" + password;
    }

    private static void runProcess(List<String> command, Path stdin, Path stdout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        if (stdout != null) {
            builder.redirectOutput(stdout.toFile());
        }
        Process process = builder.start();
        byte[] errors;
        try (InputStream err = process.getErrorStream()) {
            errors = err.readAllBytes();
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + new String(errors, StandardCharsets.UTF_8));
        }
    }

    private void recreate(String db) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + Identifiers.quote(db));
        execute("CREATE DATABASE " + Identifiers.quote(db) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
    }

    /** The arguments of our Pod import of the script into the database, on that many connections. */
    private List<String> podImport(Path script, String db, int parallel) {
        return List.of("import", script.toString(), "--parallel", String.valueOf(parallel), "--report-memory",
                "--podmigrate.target.url=" + jdbcUrl(db), "--podmigrate.target.username=" + user,
                "--podmigrate.target.password=" + password);
    }

    /** A fresh Pod 3.8.4 install: its tables, and the rows its migrations leave. */
    private void recreateBlankPod(String db) throws SQLException {
        recreate(db);
        try (Connection c = connect(db)) {
            PodSchemas.loadBlank(PodVersion.V3_8_4, c);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(db), user, password);
    }

    private String jdbcUrl(String db) {
        return "jdbc:mariadb://" + host + ":" + port + "/" + db + "?sslMode=disable";
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
