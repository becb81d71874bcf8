package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.v3.OrphanedKey;
import fr.esup.podmigrate.verify.ContentReport;
import fr.esup.podmigrate.verify.Difference;
import fr.esup.podmigrate.verify.DifferencesCsv;
import fr.esup.podmigrate.verify.LeftOutColumn;
import fr.esup.podmigrate.verify.MigrationReport;
import fr.esup.podmigrate.verify.RowDifference;
import fr.esup.podmigrate.verify.ScratchV2;
import fr.esup.podmigrate.verify.StandaloneVerification;
import fr.esup.podmigrate.verify.TableComparison;
import fr.esup.podmigrate.verify.TableContent;
import fr.esup.podmigrate.verify.Verification;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code verify}: the target against the source database, or against the podv2.sql ({@code --podv2 FILE}) loaded into
 * the scratch database {@code <target>_pmv2} beside it: the counts, every row compared, the foreign keys pointing
 * nowhere, and the verdict. Exit 0 when complete, 1 when not, 2 when it could not run.
 */
final class VerifyCommand {

    static final String USAGE = "verify [--podv2 FILE [--source-database NAME]] [--report FILE] [--differences FILE]";
    static final Set<String> VALUE_OPTIONS = Set.of("podv2", "report", "differences");
    private static final Set<String> KNOWN = Set.of("podv2", "source-database", "report",
            "differences", "report-memory");

    private VerifyCommand() {
    }

    static int run(CliArguments args, PrintStream out) throws Exception {
        args.allowOnly(KNOWN);
        if (!args.positional().isEmpty()) {
            throw new UsageException("verify takes no file but --podv2 FILE");
        }
        CliSettings settings = new CliSettings(args.settings());
        DatabaseEndpoint target = settings.requireTarget("verify");
        Optional<DatabaseEndpoint> source = settings.source();
        Path script = args.option("podv2").map(Path::of).orElse(null);
        if (source.isEmpty() && script == null) {
            throw new UsageException("verify needs the v2 rows: the source database (--podmigrate.source.url=...)"
                    + " or the podv2.sql imported (--podv2 FILE)");
        }
        if (source.isEmpty() && !Files.isRegularFile(script)) {
            throw new UsageException("No such file: " + script);
        }
        Path csv = args.option("differences").map(Path::of).orElse(null);
        Verification verification;
        try (DifferencesCsv all = csv == null ? null : new DifferencesCsv(csv)) {
            Consumer<RowDifference> differences = all == null ? d -> { } : all;
            // a compressed podv2.sql is decompressed beside it
            verification = StandaloneVerification.run(target, source, script, args.option("source-database").orElse(null),
                    script == null ? null : script.toAbsolutePath().getParent(), differences);
        } catch (ScratchV2.Unavailable e) {
            out.println("Could not verify: " + e.getMessage());
            return PodMigrateCli.REFUSED;
        }
        print(verification, out);
        Optional<String> report = args.option("report");
        if (report.isPresent()) {
            Files.writeString(Path.of(report.get()), MigrationReport.commandLine(verification,
                    System.getProperty("user.name", "")), StandardCharsets.UTF_8);
            out.println("report written to " + report.get());
        }
        return verification.complete() ? PodMigrateCli.OK : PodMigrateCli.FAILED;
    }

    static void print(Verification verification, PrintStream out) {
        out.println("v2: " + verification.v2Origin().kind().key() + " " + verification.v2Origin().label()
                + "; v3: " + verification.target());
        ContentReport content = verification.content();
        out.println(new TableLine("V2 TABLE", 45).then("V3 TABLE", 45).right("V2 ROWS", 10).right("V3 ROWS", 10)
                .right("MISSING", 8).right("EXTRA", 8).right("CHANGED", 8).right("UNEXPLAINED", 11));
        for (TableContent t : content.tables()) {
            out.println(new TableLine(t.v2Table(), 45).then(t.v3Table(), 45).right(t.v2Rows(), 10)
                    .right(t.v3Rows(), 10).right(t.missing(), 8).right(t.extra(), 8).right(t.changed(), 8)
                    .right(t.unexplained(), 11)
                    .append(t.status() == TableContent.Status.COMPARED ? "" : " (no primary key: counts only)"));
        }
        Set<String> compared = content.tables().stream().filter(t -> t.status() == TableContent.Status.COMPARED)
                .map(TableContent::v2Table).collect(Collectors.toSet());
        for (TableComparison line : verification.tables()) {
            if (line.severity() == Difference.Severity.PROBLEM && !compared.contains(line.v2Table())) {
                out.printf(Locale.ROOT, "COUNTS %s: %s (v2 %s, v3 %s)%n", line.name(), line.difference().key(),
                        line.v2Rows(), line.v3Rows());
            }
        }
        for (RowDifference d : content.shown()) {
            out.printf(Locale.ROOT, "%s %s %s%s: %s%s%n", d.explained() ? "explained" : "UNEXPLAINED", d.v3Table(),
                    d.key(), d.column() == null ? "" : "." + d.column(), d.kind().key(),
                    (d.kind().changedValue() ? " v2=" + quoted(d.v2Value()) + " v3=" + quoted(d.v3Value()) : "")
                            + (d.explained() ? " (" + d.explanation().key()
                            + (d.detail().isEmpty() ? "" : " " + d.detail()) + ")" : ""));
        }
        for (OrphanedKey orphan : verification.orphans().orphaned()) {
            out.printf(Locale.ROOT, "orphans %s.%s -> %s.%s: %d row(s), %s%n", orphan.table(), orphan.column(),
                    orphan.referencedTable(), orphan.referencedColumn(), orphan.rows(),
                    orphan.preExisting() ? "already in v2" : orphan.toExcludedTable()
                            ? "to a table the procedure leaves out, re-created by hand" : "NEW");
        }
        for (ContentReport.LeftOut left : content.leftOutColumns()) {
            LeftOutColumn column = left.column();
            out.printf(Locale.ROOT, "%s %s: %d row(s) with a value, %s%n", column.lost() > 0 ? "LOST" : "left out",
                    left.name(), column.values(), column.droppedIn() != null
                            ? "a column Pod " + column.droppedIn() + " dropped"
                            : "a column Pod never had (your site's own?), which " + left.v3Table() + " lacks: add it"
                            + " there as v2's CREATE TABLE has it, then import again");
        }
        out.printf(Locale.ROOT, "verdict: %s (%d row difference(s), %d unexplained, %d new orphan row(s)%s)%n",
                verification.complete() ? "complete" : "NOT COMPLETE", content.differences(), content.unexplained(),
                verification.newOrphans(), content.lostValues() > 0
                        ? ", " + content.lostValues() + " value(s) of columns Pod never had left out" : "");
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }
}
