package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.script.ScriptHead;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an interrupted import had done, kept in a small text file so that a later import of the same script resumes
 * it: the script's identity (size, hash of its first 64 KiB), the statements done (by 0-based index in the script:
 * all up to {@link #doneThrough()}, and ranges above it, as statements loaded by several connections end out of
 * order), the rows written so far per table and the rows each table held when the import first started. A
 * statement is done once the server has committed it.
 */
public final class Checkpoint {

    private static final String MAGIC = "pod-migrate import checkpoint 2";
    /** A checkpoint of the previous format: it lacks the rows each table held before, which are then unknown. */
    private static final String MAGIC_1 = "pod-migrate import checkpoint 1";

    private final long scriptSize;
    private final String scriptHash;
    private final long doneThrough;
    private final long doneThroughOffset;
    private final List<long[]> doneAbove;
    private final long executedStatements;
    private final Map<String, TableDone> tables;
    private final Map<String, Long> rowsBefore;

    /**
     * Rows a table got from the statements done.
     *
     * @param statements statements executed for the table
     * @param emptied    whether a statement done emptied it
     * @param addedRows  rows added since the start, or since it was emptied
     * @param issues     what the server's warnings said of its rows
     */
    record TableDone(long statements, long insertedRows, long ignoredRows, long replacedRows, long warnings,
                     boolean emptied, long addedRows, List<ImportResult.ValueIssue> issues) {
    }

    Checkpoint(long scriptSize, String scriptHash, long doneThrough, long doneThroughOffset, List<long[]> doneAbove,
               long executedStatements, Map<String, TableDone> tables, Map<String, Long> rowsBefore) {
        this.scriptSize = scriptSize;
        this.scriptHash = scriptHash;
        this.doneThrough = doneThrough;
        this.doneThroughOffset = doneThroughOffset;
        this.doneAbove = List.copyOf(doneAbove);
        this.executedStatements = executedStatements;
        this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        this.rowsBefore = Collections.unmodifiableMap(new LinkedHashMap<>(rowsBefore));
    }

    /** The checkpoint in this file, or empty when there is no file. */
    public static Optional<Checkpoint> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !(lines.get(0).equals(MAGIC) || lines.get(0).equals(MAGIC_1))) {
            throw new IOException(file + " is not an import checkpoint");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, TableDone> tables = new LinkedHashMap<>();
        Map<String, List<ImportResult.ValueIssue>> issues = new LinkedHashMap<>();
        Map<String, Long> before = new LinkedHashMap<>();
        try {
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split(" ", -1);
                if (parts[0].equals("table")) {
                    boolean known = parts.length > 7;
                    tables.put(decode(parts[1]), new TableDone(Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                            Long.parseLong(parts[4]), Long.parseLong(parts[5]), Long.parseLong(parts[6]),
                            known && Boolean.parseBoolean(parts[7]), known ? Long.parseLong(parts[8]) : 0, List.of()));
                } else if (parts[0].equals("before")) {
                    before.put(decode(parts[1]), Long.parseLong(parts[2]));
                } else if (parts[0].equals("issue")) {
                    List<String> keys = parts[6].isEmpty() ? List.of()
                            : Arrays.stream(parts[6].split(",")).map(Checkpoint::decode).toList();
                    issues.computeIfAbsent(decode(parts[1]), t -> new ArrayList<>()).add(new ImportResult.ValueIssue(
                            Boolean.parseBoolean(parts[2]), decode(parts[3]), ValueChange.valueOf(parts[4]),
                            Long.parseLong(parts[5]), keys, decode(parts[7])));
                } else {
                    values.put(parts[0], parts.length > 1 ? parts[1] : "");
                }
            }
            issues.forEach((table, listed) -> tables.computeIfPresent(table, (t, done) -> new TableDone(done.statements(),
                    done.insertedRows(), done.ignoredRows(), done.replacedRows(), done.warnings(), done.emptied(),
                    done.addedRows(), listed)));
            List<long[]> above = new ArrayList<>();
            for (String range : values.getOrDefault("done-above", "").split(",")) {
                if (!range.isEmpty()) {
                    int dash = range.indexOf('-');
                    int colon = range.indexOf(':');
                    above.add(new long[] {Long.parseLong(range.substring(0, dash)),
                            Long.parseLong(range.substring(dash + 1, colon)), Long.parseLong(range.substring(colon + 1))});
                }
            }
            return Optional.of(new Checkpoint(Long.parseLong(values.get("script-size")), values.get("script-head-sha256"),
                    Long.parseLong(values.get("done-through")), Long.parseLong(values.get("done-through-offset")),
                    above, Long.parseLong(values.get("executed")), tables, before));
        } catch (RuntimeException e) {
            throw new IOException(file + " is a damaged import checkpoint", e);
        }
    }

    /** Writes the file atomically: a reader sees the previous checkpoint or this one, never a part. */
    public void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder(MAGIC).append('\n')
                .append("script-size ").append(scriptSize).append('\n')
                .append("script-head-sha256 ").append(scriptHash).append('\n')
                .append("done-through ").append(doneThrough).append('\n')
                .append("done-through-offset ").append(doneThroughOffset).append('\n')
                .append("done-above ");
        for (int i = 0; i < doneAbove.size(); i++) {
            long[] range = doneAbove.get(i);
            text.append(i == 0 ? "" : ",").append(range[0]).append('-').append(range[1]).append(':').append(range[2]);
        }
        text.append('\n').append("executed ").append(executedStatements).append('\n');
        rowsBefore.forEach((table, rows) -> text.append("before ").append(encode(table)).append(' ').append(rows)
                .append('\n'));
        tables.forEach((table, done) -> {
            text.append("table ").append(encode(table)).append(' ').append(done.statements())
                    .append(' ').append(done.insertedRows()).append(' ').append(done.ignoredRows())
                    .append(' ').append(done.replacedRows()).append(' ').append(done.warnings())
                    .append(' ').append(done.emptied())
                    .append(' ').append(done.addedRows()).append('\n');
            for (ImportResult.ValueIssue issue : done.issues()) {
                text.append("issue ").append(encode(table)).append(' ').append(issue.refused())
                        .append(' ').append(encode(issue.name())).append(' ').append(issue.change())
                        .append(' ').append(issue.rows())
                        .append(' ').append(String.join(",", issue.keys().stream().map(Checkpoint::encode).toList()))
                        .append(' ').append(encode(issue.sample())).append('\n');
            }
        });
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Whether this checkpoint was made by an import of this script (same size, same first 64 KiB). */
    public boolean matches(Path script) throws IOException {
        return scriptSize == Files.size(script) && scriptHash.equals(ScriptHead.hash(script));
    }

    /** Whether the statement of this 0-based index in the script is done. */
    public boolean isDone(long index) {
        if (index <= doneThrough) {
            return true;
        }
        for (long[] range : doneAbove) {
            if (index >= range[0] && index <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** The last statement index up to which every statement is done; -1 when none is. */
    public long doneThrough() {
        return doneThrough;
    }

    /** Where the statement {@link #doneThrough()} ends in the (uncompressed) script; 0 when none is done. */
    public long doneThroughOffset() {
        return doneThroughOffset;
    }

    /** Statements the server executed, all runs of the import together. */
    public long executedStatements() {
        return executedStatements;
    }

    /** Ranges of statement indexes done above {@link #doneThrough()}: {from, to (inclusive), end offset of to}. */
    List<long[]> doneAbove() {
        return doneAbove;
    }

    Map<String, TableDone> tables() {
        return tables;
    }

    /** The rows each table held when the import first started; empty in a checkpoint of the first format. */
    Map<String, Long> rowsBefore() {
        return rowsBefore;
    }
}
