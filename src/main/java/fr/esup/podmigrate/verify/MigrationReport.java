package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.backup.BackupTaken;
import fr.esup.podmigrate.checklist.ChecklistStore;
import fr.esup.podmigrate.importing.Imported;
import fr.esup.podmigrate.importing.RowIssue;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepState;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The migration report to download: Markdown for people (the run, the backup, the import, the row counts, the
 * orphans, the checklist), CSV for the row-count table as the page shows it.
 */
@Component
public class MigrationReport {

    static final List<String> CSV_HEADER = List.of("v2_table", "v2_rows", "v3_table", "v3_rows", "delta", "inserted",
            "ignored", "skipped", "difference", "reason");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
            .withZone(ZoneId.systemDefault());

    private final MessageSource messages;
    private final RunStore runStore;
    private final ChecklistStore checklist;

    MigrationReport(MessageSource messages, RunStore runStore, ChecklistStore checklist) {
        this.messages = messages;
        this.runStore = runStore;
        this.checklist = checklist;
    }

    String csv(Verification verification) {
        Csv csv = new Csv().row(CSV_HEADER);
        for (TableComparison line : verification.tables()) {
            csv.row(List.of(text(line.v2Table()), text(line.v2Rows()), text(line.v3Table()), text(line.v3Rows()),
                    text(line.delta()), text(line.inserted()), text(line.ignored()), text(line.skipped()),
                    line.difference().key(),
                    line.reason() == null ? "" : (line.reason() + " " + line.reasonTarget()).strip()));
        }
        return csv.toString();
    }

    String markdown(Verification verification, String operator, Locale locale) {
        return markdown(messages, verification, operator, locale, runStore.states(), checklist.ticks());
    }

    /** The report of a verification run outside the console: no run, no checklist, in English. */
    public static String commandLine(Verification verification, String operator) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return markdown(messages, verification, operator, Locale.ENGLISH, List.of(), Map.of());
    }

    private static String markdown(MessageSource messages, Verification verification, String operator, Locale locale,
                                   List<StepState> states, Map<String, ChecklistStore.Tick> ticks) {
        Markdown md = new Markdown(messages, locale);
        md.title("report.title");
        md.line(md.text("report.generated", time(verification.at()), operator));
        md.line(md.text("report.target", verification.target()));
        md.line(verification.v2Origin() == null ? md.text("verify.v2.none")
                : md.text("verify.v2." + verification.v2Origin().kind().key(), verification.v2Origin().label()));
        md.section("report.verdict");
        md.line(md.text(verification.complete() ? "verify.complete" : "verify.incomplete"));
        md.line(md.text("verify.verdict." + verification.verdict().key()));
        states.stream().filter(s -> s.step() == WizardStep.FINISH && s.status() == StepStatus.DONE
                && s.reason() != null).forEach(finish -> md.line(md.text("report.finishReason", finish.reason())));
        md.section("report.run");
        md.table(List.of("report.step", "report.status", "report.operator", "report.at"), states.stream()
                .map(s -> List.of(md.text("step." + s.step().key() + ".title"), md.text("status." + s.status().key()),
                        text(s.operator()), s.updatedAt() == null ? "" : time(s.updatedAt())))
                .toList());
        md.section("report.backup");
        md.line(job(md, verification.backup(), backup -> backup.result(BackupTaken.class).map(BackupTaken::backup)));
        md.section("report.import");
        md.line(job(md, verification.imported(), imported -> imported.result(Imported.class).map(Imported::script)));
        List<RowIssue> issues = ImportIssues.of(verification.imported()).issues();
        if (!issues.isEmpty()) {
            md.line(md.text("import.issues.title"));
            md.table(List.of("import.table.target", "report.issue", "report.issueKeys"), issues.stream()
                    .map(i -> List.of(i.table(), i.refused() ? md.text("import.issue.refused", i.name(), i.rows())
                                    : md.text("import.issue." + i.change().name(), i.name(), i.rows()),
                            i.keys().isEmpty() ? i.sample() : String.join(", ", i.keys())))
                    .toList());
        }
        md.section("verify.counts.title");
        md.line(md.text("verify.totals", verification.v2Total(), verification.v3Total(), verification.tables().size()));
        md.table(List.of("verify.column.v2Table", "verify.column.v2Rows", "verify.column.v3Table",
                "verify.column.v3Rows", "verify.column.delta", "verify.column.inserted", "verify.column.ignored",
                "verify.column.skipped", "verify.column.difference", "verify.column.reason"), verification.tables().stream()
                .map(t -> List.of(text(t.v2Table()), text(t.v2Rows()), text(t.v3Table()), text(t.v3Rows()),
                        text(t.delta()), text(t.inserted()), text(t.ignored()), text(t.skipped()),
                        md.text("verify.difference." + t.difference().key()),
                        t.reason() == null ? "" : md.text("verify.reason." + t.reason(), t.reasonTarget())))
                .toList());
        md.section("verify.orphans.title");
        md.line(md.text("verify.orphans.summary", verification.orphans().keysChecked(),
                verification.orphans().orphaned().size(), verification.orphans().rows()));
        md.table(List.of("verify.column.foreignKey", "verify.column.references", "verify.column.rows",
                "verify.column.examples", "verify.column.inV2"), verification.orphans().orphaned().stream()
                .map(o -> List.of(o.table() + "." + o.column(), o.referencedTable() + "." + o.referencedColumn(),
                        text(o.rows()), String.join(", ", o.examples()), md.text(o.preExisting() ? "verify.orphans.preExisting"
                                : o.toExcludedTable() ? "verify.orphans.excludedTable"
                                : o.v2Rows() == null ? "verify.orphans.unknown" : "verify.orphans.new")))
                .toList());
        content(md, verification);
        md.section("report.checklist");
        md.table(List.of("report.item", "report.checkedBy", "report.at"), PodMigrationRules.CHECKED_AFTER_IMPORT.stream()
                .map(item -> ticks.containsKey(item)
                        ? List.of(item, ticks.get(item).operator(), time(ticks.get(item).at()))
                        : List.of(item, md.text("report.unchecked"), ""))
                .toList());
        return md.toString();
    }

    private static void content(Markdown md, Verification verification) {
        md.section("report.content");
        ContentReport content = verification.content();
        if (content == null) {
            md.line(verification.contentUnavailable() == null ? md.text("verify.v2.none") : verification.contentUnavailable());
            return;
        }
        md.line(md.text("verify.content.summary", content.v2Database(), content.tables().size(), content.differences(),
                content.unexplained()));
        md.table(List.of("verify.column.v2Table", "verify.column.v3Table", "verify.column.v2Rows", "verify.column.v3Rows",
                "verify.content.column.missing", "verify.content.column.extra", "verify.content.column.changed",
                "verify.content.column.unexplained"), content.tables().stream()
                .filter(t -> t.differences() > 0 || t.status() != TableContent.Status.COMPARED)
                .map(t -> List.of(t.v2Table(), t.v3Table(), text(t.v2Rows()), text(t.v3Rows()), text(t.missing()),
                        text(t.extra()), text(t.changed()), text(t.unexplained())))
                .toList());
        if (!content.leftOutColumns().isEmpty()) {
            md.section("verify.leftOut.title");
            md.line(md.text("verify.leftOut.intro"));
            md.table(List.of("verify.leftOut.column.column", "verify.column.v3Table", "verify.leftOut.column.values",
                    "verify.leftOut.column.why"), content.leftOutColumns().stream()
                    .map(l -> List.of(l.name(), l.v3Table(), text(l.column().values()), l.column().droppedIn() != null
                            ? md.text("verify.leftOut.dropped", l.column().droppedIn()) : md.text("verify.leftOut.siteColumn")))
                    .toList());
        }
        md.section("report.differences");
        md.table(List.of("verify.column.v3Table", "verify.content.column.key", "verify.column.difference",
                "verify.content.column.column", "verify.content.column.v2Value", "verify.content.column.v3Value",
                "verify.column.reason"), content.shown().stream()
                .map(d -> List.of(d.v3Table(), d.key(), md.text("verify.row." + d.kind().key()), text(d.column()),
                        text(d.v2Value()), text(d.v3Value()), md.text("verify.explanation." + d.explanation().key(), d.detail())))
                .toList());
    }

    /** A job of the run, with the file it wrote or read. */
    private static String job(Markdown md, Job job, Function<Job, Optional<String>> file) {
        return job == null ? md.text("report.none")
                : md.text("report.job", job.id(), text(file.apply(job).orElse(null)), job.operator(),
                        time(job.endedAt() == null ? job.startedAt() : job.endedAt()), job.message() == null ? "" : md.text(job.message()));
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }

    /** A Markdown document whose headings and labels are messages in the reader's language. */
    private static final class Markdown {

        private final MessageSource messages;
        private final Locale locale;
        private final StringBuilder text = new StringBuilder();

        Markdown(MessageSource messages, Locale locale) {
            this.messages = messages;
            this.locale = locale;
        }

        String text(String key, Object... arguments) {
            return messages.getMessage(key, arguments, locale);
        }

        String text(MessageSourceResolvable message) {
            return messages.getMessage(message, locale);
        }

        void title(String key) {
            text.append("# ").append(text(key)).append("\n\n");
        }

        void section(String key) {
            text.append("## ").append(text(key)).append("\n\n");
        }

        void line(String line) {
            text.append(line).append("\n\n");
        }

        void table(List<String> headerKeys, List<List<String>> rows) {
            List<String> header = new ArrayList<>();
            headerKeys.forEach(key -> header.add(text(key)));
            text.append(cells(header)).append('\n').append(cells(header.stream().map(h -> "---").toList())).append('\n');
            rows.forEach(row -> text.append(cells(row)).append('\n'));
            text.append('\n');
        }

        @Override
        public String toString() {
            return text.toString();
        }

        private static String cells(List<String> cells) {
            return "| " + String.join(" | ", cells.stream()
                    .map(cell -> cell.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ")).toList())
                    + " |";
        }
    }
}
