package fr.esup.podmigrate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The CPU time, read from Linux's {@code /proc}, that the database server has used and that this JVM's child
 * processes have used once they ended: what a benchmark's run took of the machine's cores besides its wall time.
 * Where the server's process cannot be seen (another machine, no {@code /proc}), its CPU reads as unknown.
 */
final class CpuClock {

    private static final Path SELF = Path.of("/proc/self/stat");
    /** Linux's USER_HZ, what {@code /proc} counts CPU time in, when {@code getconf CLK_TCK} does not answer. */
    private static final double DEFAULT_TICKS_PER_SECOND = 100;
    /**
     * Fields of {@code /proc/PID/stat}, counted from the one after the command's closing parenthesis: the process's
     * user and system time, and those of its children it waited for.
     */
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;

    /** CPU seconds used so far; {@code server} is NaN when unknown. */
    record Sample(double server, double children) {
    }

    /** CPU seconds a run took: the server's (NaN when unknown) and the tool's, with every process it started. */
    record Usage(double server, double tool) {
    }

    private final Path serverStat;
    private final double ticksPerSecond;

    private CpuClock(Path serverStat, double ticksPerSecond) {
        this.serverStat = serverStat;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** The clock of the server that {@code connection} is connected to, found by its pid file. */
    static CpuClock of(Connection connection) {
        Path serverStat = null;
        try (Statement statement = connection.createStatement();
             ResultSet pidFile = statement.executeQuery("SELECT @@pid_file")) {
            if (pidFile.next() && pidFile.getString(1) != null) {
                String pid = Files.readString(Path.of(pidFile.getString(1)), StandardCharsets.US_ASCII).trim();
                Path stat = Path.of("/proc", pid, "stat");
                serverStat = pid.matches("\\d+") && Files.isReadable(stat) ? stat : null;
            }
        } catch (SQLException | IOException | RuntimeException e) {
            serverStat = null;
        }
        return new CpuClock(serverStat, ticksPerSecond());
    }

    Sample now() {
        double server = serverStat == null ? Double.NaN : read(serverStat, UTIME, STIME);
        return new Sample(server, read(SELF, CUTIME, CSTIME));
    }

    /** What was used since {@code before}; the tool's share counts once its processes have ended. */
    Usage since(Sample before) {
        Sample after = now();
        return new Usage(after.server() - before.server(), after.children() - before.children());
    }

    /** The sum of fields {@code from} to {@code to} of a stat file, in seconds; NaN when it cannot be read. */
    private double read(Path stat, int from, int to) {
        try {
            String line = Files.readString(stat, StandardCharsets.US_ASCII);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = 0;
            for (int i = from; i <= to; i++) {
                ticks += Long.parseLong(fields[i]);
            }
            return ticks / ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Double.parseDouble(answer) : DEFAULT_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_TICKS_PER_SECOND;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_TICKS_PER_SECOND;
        }
    }

    /** A median usage as {@code server 7.62 s + tool 1.30 s of CPU}, {@code server ?} when unknown. */
    static String describe(Usage usage, String tool) {
        String server = Double.isNaN(usage.server()) ? "server ?" : String.format(Locale.ROOT, "server %.2f s", usage.server());
        return String.format(Locale.ROOT, "%s + %s %.2f s of CPU", server, tool, usage.tool());
    }
}
