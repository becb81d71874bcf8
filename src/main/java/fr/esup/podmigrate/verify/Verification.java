package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;
import fr.esup.podmigrate.v3.OrphanedKey;

import java.time.Instant;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the verification found on the target at {@code at}.
 *
 * @param v2Origin where the v2 counts come from, null when there are none
 * @param imported the import whose counts it used, null when none succeeded
 * @param backup   the newest succeeded backup, null when none
 * @param content  v2's rows compared with v3's, null when v2's rows could not be read
 * @param contentUnavailable why v2's rows could not be read, null when they were or there is no v2 to read
 */
public record Verification(Instant at, String target, V2Origin v2Origin, Job imported, Job backup,
                           List<TableComparison> tables, ForeignKeyOrphans.Check orphans, ContentReport content,
                           String contentUnavailable) {

    /** The overall outcome, worst first. */
    public enum Verdict {
        PROBLEMS, NO_V2_COUNTS, WARNINGS, CLEAN;

        public String key() {
            return RowCounts.key(this);
        }
    }

    /** Which lines the page shows. */
    public enum Filter {
        ALL, DIFFERENCES, PROBLEMS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Filter of(String key) {
            for (Filter filter : values()) {
                if (filter.key().equals(key)) {
                    return filter;
                }
            }
            return ALL;
        }

        boolean shows(TableComparison line) {
            return switch (this) {
                case ALL -> true;
                case DIFFERENCES -> line.difference() != Difference.SAME && !line.emptyOnBothSides();
                case PROBLEMS -> line.severity() == Difference.Severity.PROBLEM;
            };
        }
    }

    public Verdict verdict() {
        if (problems() > 0 || content != null && content.lostValues() > 0) {
            return Verdict.PROBLEMS;
        }
        if (v2Origin == null) {
            return Verdict.NO_V2_COUNTS;
        }
        return warnings() > 0 || orphans.rows() > 0 ? Verdict.WARNINGS : Verdict.CLEAN;
    }

    /**
     * Every v2 row accounted for and every difference explained: v2's rows compared with v3's, none differing
     * unexplained, no value of a column the site added to its v2 left out, no count problem in a table the rows were
     * not compared in, no foreign key pointing nowhere that did not already in v2.
     */
    public boolean complete() {
        if (v2Origin == null || content == null || content.unexplained() > 0 || content.lostValues() > 0
                || newOrphans() > 0) {
            return false;
        }
        Set<String> compared = content.tables().stream().filter(t -> t.status() == TableContent.Status.COMPARED)
                .map(TableContent::v2Table).collect(Collectors.toSet());
        return tables.stream().noneMatch(t -> t.severity() == Difference.Severity.PROBLEM
                && (t.v2Table() == null || !compared.contains(t.v2Table())));
    }

    /** Rows whose foreign key points nowhere that nothing explains (see {@link OrphanedKey#explained()}). */
    public long newOrphans() {
        return orphans.orphaned().stream().filter(o -> !o.explained()).mapToLong(OrphanedKey::rows).sum();
    }

    private long count(Difference.Severity severity) {
        return tables.stream().filter(t -> t.severity() == severity).count();
    }

    public long problems() {
        return count(Difference.Severity.PROBLEM);
    }

    public long warnings() {
        return count(Difference.Severity.WARNING);
    }

    /** How many lines of each kind of difference there are, for the kinds there are. */
    public Map<Difference, Long> tally() {
        return tables.stream().collect(Collectors.groupingBy(TableComparison::difference,
                () -> new EnumMap<>(Difference.class), Collectors.counting()));
    }

    public long v2Total() {
        return tables.stream().filter(t -> t.v2Rows() != null).mapToLong(TableComparison::v2Rows).sum();
    }

    public long v3Total() {
        return tables.stream().filter(t -> t.v3Rows() != null).mapToLong(TableComparison::v3Rows).sum();
    }

    public List<TableComparison> lines(Filter filter) {
        return tables.stream().filter(filter::shows).toList();
    }

    /** The verification's outcome as its job's message; its first argument is 1 when complete, 0 otherwise. */
    public Message summary() {
        int completeness = complete() ? 1 : 0;
        if (content == null) {
            return Message.of("verify.message.summaryUncompared", completeness, problems(), warnings(), orphans.rows(),
                    orphans.orphaned().size());
        }
        return content.lostValues() > 0
                ? Message.of("verify.message.summaryLostValues", completeness, problems(), warnings(), orphans.rows(),
                        orphans.orphaned().size(), content.differences(), content.unexplained(), content.lostValues())
                : Message.of("verify.message.summary", completeness, problems(), warnings(), orphans.rows(),
                        orphans.orphaned().size(), content.differences(), content.unexplained());
    }
}
