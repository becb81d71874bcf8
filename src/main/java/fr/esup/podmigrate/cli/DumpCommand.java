package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.sql.dump.DumpResult;
import fr.esup.podmigrate.sql.dump.DumpWriter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** {@code dump --output FILE}: writes the source database as podv2.sql, with the procedure's options by default. */
final class DumpCommand {

    static final String USAGE = "dump --output FILE [--structure if-not-exists|create|drop-create|none]"
            + " [--insert ignore|insert|replace] [--no-truncate] [--all-tables] [--gzip] [--max-statement-bytes N]"
            + " [--parallel N]";
    static final Set<String> VALUE_OPTIONS = Set.of("output", "structure", "insert", "max-statement-bytes", "parallel");
    private static final Set<String> KNOWN = Set.of("output", "structure", "insert", "max-statement-bytes", "parallel",
            "no-truncate", "all-tables", "gzip", "report-memory");

    private DumpCommand() {
    }

    static int run(CliArguments args, PrintStream out) throws Exception {
        args.allowOnly(KNOWN);
        if (!args.positional().isEmpty()) {
            throw new UsageException("dump takes no file argument; the output goes to --output FILE");
        }
        Path output = Path.of(args.option("output").orElseThrow(() -> new UsageException("dump needs --output FILE")));
        DatabaseEndpoint source = new CliSettings(args.settings()).requireSource("dump");
        Podv2ScriptOptions podv2 = new Podv2ScriptOptions(!args.flag("all-tables"),
                structure(args.option("structure").orElse("if-not-exists")), !args.flag("no-truncate"),
                insertMode(args.option("insert").orElse("ignore")), args.flag("gzip"));
        DumpOptions options = podv2.toDumpOptions()
                .maxStatementBytes(args.intOption("max-statement-bytes", DumpOptions.DEFAULT_MAX_STATEMENT_BYTES))
                .parallelism(args.intOption("parallel", Podv2ScriptOptions.connections(source)))
                .build();
        long started = System.nanoTime();
        DumpResult result = new DumpWriter(options).write(source::connect, output);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (result.parallelism() < options.parallelism()) {
            out.println("Dumped through one connection: " + source + " lacks the RELOAD privilege that puts several"
                    + " in one snapshot");
        }
        out.println("Dumped " + source + " to " + output);
        // Padded by hand: a hundred printf calls would parse their format in a JVM that has barely started.
        for (DumpResult.TableResult table : result.tables()) {
            String rows = Long.toString(table.rows());
            out.println("  " + table.outputName() + " ".repeat(Math.max(0, 55 - table.outputName().length()))
                    + " ".repeat(Math.max(1, 11 - rows.length())) + rows + " rows");
        }
        out.printf(Locale.ROOT, "tables=%d rows=%d bytes=%d seconds=%.2f%n", result.tables().size(), result.rowsWritten(),
                result.bytesWritten(), seconds);
        return PodMigrateCli.OK;
    }

    private static DumpOptions.Structure structure(String value) {
        return switch (value) {
            case "if-not-exists" -> DumpOptions.Structure.CREATE_TABLE_IF_NOT_EXISTS;
            case "create" -> DumpOptions.Structure.CREATE_TABLE;
            case "drop-create" -> DumpOptions.Structure.DROP_AND_CREATE_TABLE;
            case "none" -> DumpOptions.Structure.NONE;
            default -> throw new UsageException("--structure is one of if-not-exists, create, drop-create, none; not " + value);
        };
    }

    private static DumpOptions.InsertMode insertMode(String value) {
        return switch (value) {
            case "ignore" -> DumpOptions.InsertMode.INSERT_IGNORE;
            case "insert" -> DumpOptions.InsertMode.INSERT;
            case "replace" -> DumpOptions.InsertMode.REPLACE;
            default -> throw new UsageException("--insert is one of ignore, insert, replace; not " + value);
        };
    }
}
