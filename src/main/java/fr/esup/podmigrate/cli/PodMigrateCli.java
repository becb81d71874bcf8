package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.InvalidSettingException;
import fr.esup.podmigrate.sql.script.ScriptFormatException;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The engine without the web console: {@code analyze FILE}, {@code import FILE}, {@code dump --output FILE},
 * {@code verify}.
 * Exit code 0 when it succeeded, 1 when a statement failed, 2 when the input was refused before anything ran.
 */
public final class PodMigrateCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int REFUSED = 2;

    private static final String DRIVER_LOGGING_OFF = "mariadb.logging.disable";
    private static final Set<String> VERBS = Set.of("analyze", "import", "dump", "verify", "rehearse", "replay");
    private static final Set<String> HELP = Set.of("help", "--help", "-h");

    private PodMigrateCli() {
    }

    /** True when the arguments name a verb or ask for help: the process answers them instead of starting the console. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (VERBS.contains(args[0]) || HELP.contains(args[0]));
    }

    /** Runs the verb on the process's standard output, written a line at a time (see {@link LineOutput}), and error. */
    public static int run(String[] args) {
        if (!args[0].equals("analyze") && VERBS.contains(args[0])) {
            DatabaseEndpoint.prepareDriver();
        }
        PrintStream out = LineOutput.standardOutput();
        System.setOut(out);
        try {
            return run(args, out, System.err);
        } finally {
            out.flush();
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        // The verbs say what failed themselves; the driver's logger would only cost a logging system's start-up.
        if (System.getProperty(DRIVER_LOGGING_OFF) == null) {
            System.setProperty(DRIVER_LOGGING_OFF, "true");
        }
        String verb = args[0];
        if (HELP.contains(verb)) {
            printHelp(out);
            return OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            Set<String> valueOptions = new HashSet<>(DumpCommand.VALUE_OPTIONS);
            valueOptions.addAll(ImportCommand.VALUE_OPTIONS);
            valueOptions.addAll(AnalyzeCommand.VALUE_OPTIONS);
            valueOptions.addAll(VerifyCommand.VALUE_OPTIONS);
            valueOptions.addAll(RehearseCommand.VALUE_OPTIONS);
            CliArguments arguments = new CliArguments(rest, valueOptions);
            int code = switch (verb) {
                case "analyze" -> AnalyzeCommand.run(arguments, out);
                case "import" -> ImportCommand.run(arguments, out);
                case "dump" -> DumpCommand.run(arguments, out);
                case "verify" -> VerifyCommand.run(arguments, out);
                case "rehearse" -> RehearseCommand.run(arguments, out, err);
                case "replay" -> ReplayCommand.run(arguments, out, err);
                default -> throw new UsageException("Unknown verb " + verb);
            };
            if (arguments.flag("report-memory")) {
                out.printf(Locale.ROOT, "peak_heap_mb=%d%n", peakHeapMb());
            }
            return code;
        } catch (UsageException e) {
            err.println("pod-migrate " + verb + ": " + e.getMessage());
            err.println("usage: " + switch (verb) {
                case "analyze" -> AnalyzeCommand.USAGE;
                case "import" -> ImportCommand.USAGE;
                case "verify" -> VerifyCommand.USAGE;
                case "rehearse" -> RehearseCommand.USAGE;
                case "replay" -> ReplayCommand.USAGE;
                default -> DumpCommand.USAGE;
            });
            return REFUSED;
        } catch (InvalidSettingException e) {
            err.println("pod-migrate " + verb + ": invalid setting " + e.getMessage());
            return REFUSED;
        } catch (ScriptFormatException e) {
            // The analysis reads the whole script before anything runs.
            err.println("pod-migrate " + verb + ": the script cannot be read: " + e.getMessage());
            return REFUSED;
        } catch (Exception e) {
            err.println("pod-migrate " + verb + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static void printHelp(PrintStream out) {
        out.println("Pod Migrate: without arguments, the web console; with a verb, the SQL engine alone.");
        out.println("usage: " + AnalyzeCommand.USAGE);
        out.println("       " + ImportCommand.USAGE);
        out.println("       " + DumpCommand.USAGE);
        out.println("       " + VerifyCommand.USAGE);
        out.println("       " + RehearseCommand.USAGE);
        out.println("       " + ReplayCommand.USAGE);
        out.println("The databases: --podmigrate.target.url=jdbc:mariadb://HOST:PORT/DATABASE, --podmigrate.target.username=...,");
        out.println("--podmigrate.target.password=... (the same for podmigrate.source), or environment variables such as");
        out.println("PODMIGRATE_TARGET_URL. import refuses a target another import is running into, and, as the console does,");
        out.println("a target holding data that no verified backup of the workspace holds (--podmigrate.workspace=DIR, by default");
        out.println("./workspace): take one in the console, or pass --force-over-data.");
        out.println("analyze and import leave out caches and short-lived tables (django_session, captcha_captchastore,");
        out.println("thumbnail_kvstore, live_heartbeat, live_broadcaster_viewers) and say so; --include-ephemeral imports them too.");
        out.println("verify compares every row of the target with the source database's, or, without one, with the podv2.sql");
        out.println("loaded into the scratch database <target>_pmv2 on the target's server (created, then dropped): the counts,");
        out.println("each differing row named and classified, the foreign keys pointing nowhere, the verdict. --report FILE");
        out.println("writes the Markdown report, --differences FILE the CSV of every differing row.");
        out.println("Exit code 0: done; 1: a statement failed; 2: the input was refused before anything ran.");
        out.println("verify: 0 when the verification is complete, 1 when it is not, 2 when it could not run.");
        out.println("rehearse runs the migration on the scratch copy <target>_pmrehearsal (on podmigrate.rehearsal.url when set),");
        out.println("never on the target, with --source-database, --include-ephemeral and --continue as the import takes them;");
        out.println("--write-recipe FILE writes its choices. replay RECIPE runs them on the target: a verified");
        out.println("backup, the wipe, the import, the site fixes, the broadcasters, the verification and its report.");
        out.println("rehearse and replay: 0 when the verdict is complete, 1 when not or a step failed, 2 when refused before any change.");
    }

    private static long peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }
}
