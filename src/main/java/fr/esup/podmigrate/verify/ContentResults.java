package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobContext;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content comparison as a verification job keeps it in its results: where v2 was read, or why it could not be,
 * each table's summary, the differences the page shows, and the CSV file holding all of them.
 */
final class ContentResults {

    private static final String V2_DATABASE = "content.v2";
    private static final String UNAVAILABLE = "content.unavailable";
    private static final String CSV = "content.csv";
    private static final String TABLE = "content.table.";
    private static final String DIFFERENCE = "content.difference.";

    private ContentResults() {
    }

    static void record(JobContext context, ContentReport report, String csv) {
        context.result(V2_DATABASE, report.v2Database());
        context.result(CSV, csv);
        for (TableContent t : report.tables()) {
            context.result(TABLE + t.v2Table(), String.join(" ", field(t.v3Table()), t.status().name(),
                    String.valueOf(t.v2Rows()), String.valueOf(t.v3Rows()), String.valueOf(t.ranges()),
                    String.valueOf(t.rangesDiffering()), String.valueOf(t.columns()), String.valueOf(t.missing()),
                    String.valueOf(t.extra()), String.valueOf(t.changed()), String.valueOf(t.unexplained())));
        }
        List<RowDifference> shown = report.shown();
        for (int i = 0; i < shown.size(); i++) {
            RowDifference d = shown.get(i);
            context.result(String.format("%s%05d", DIFFERENCE, i), String.join(" ", field(d.v2Table()),
                    field(d.v3Table()), field(d.key()), d.kind().name(), d.explanation().name(), field(d.column()),
                    field(d.v2Value()), field(d.v3Value()), field(d.detail())));
        }
    }

    static void recordUnavailable(JobContext context, String why) {
        context.result(UNAVAILABLE, why);
    }

    static ContentReport read(Job job) {
        if (job.result(V2_DATABASE) == null) {
            return null;
        }
        Map<String, TableContent> tables = new TreeMap<>();
        Map<String, RowDifference> shown = new TreeMap<>();
        job.results().forEach((name, value) -> {
            String[] f = value.split(" ", -1);
            if (name.startsWith(TABLE)) {
                String v2Table = name.substring(TABLE.length());
                tables.put(v2Table, new TableContent(v2Table, text(f[0]), TableContent.Status.valueOf(f[1]),
                        Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
                        Integer.parseInt(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                        Long.parseLong(f[10])));
            } else if (name.startsWith(DIFFERENCE)) {
                shown.put(name, new RowDifference(text(f[0]), text(f[1]), text(f[2]), RowDifference.Kind.valueOf(f[3]),
                        RowDifference.Explanation.valueOf(f[4]), text(f[5]), text(f[6]), text(f[7]), text(f[8])));
            }
        });
        return new ContentReport(job.result(V2_DATABASE), new ArrayList<>(tables.values()), new ArrayList<>(shown.values()));
    }

    static String unavailable(Job job) {
        return job.result(UNAVAILABLE);
    }

    /** The CSV of every difference, relative to the workspace; null when the job compared no content. */
    static String csv(Job job) {
        return job.result(CSV);
    }

    /** A null as "-", any other text URL-encoded ("-" itself too): fields separated by spaces. */
    private static String field(String text) {
        return text == null ? "-" : URLEncoder.encode(text, StandardCharsets.UTF_8).replace("-", "%2D");
    }

    private static String text(String field) {
        return field.equals("-") ? null : URLDecoder.decode(field, StandardCharsets.UTF_8);
    }
}
