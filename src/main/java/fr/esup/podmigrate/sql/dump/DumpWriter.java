package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.ConnectionFactory;

import javax.sql.DataSource;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the tables of a live MariaDB/MySQL database as an SQL script that the {@code mariadb} client
 * imports: a header and footer like {@code mariadb-dump}'s (utf8mb4, UTC, foreign key and unique checks
 * off, {@code NO_AUTO_VALUE_ON_ZERO}), then for each table in name order its structure and its rows as
 * complete, extended INSERTs. All tables are read in one consistent snapshot, row by row.
 *
 * <p>The source is the connection's current database. Given a connection, the writer reads through it alone,
 * sets session variables and isolation for the dump and restores them afterwards; starting the snapshot commits
 * any transaction open on the connection. Given a {@link ConnectionFactory} (or a {@link DataSource}), it opens
 * {@link DumpOptions#parallelism()} connections and closes them; on several, a table larger than a connection's
 * share is read in key ranges on several at once ({@link TablePart}). Cancelling (by {@link DumpOptions#cancelled()}
 * or by interrupting the thread) throws a {@link java.util.concurrent.CancellationException}.
 */
public final class DumpWriter {

    private static final int GZIP_BUFFER_BYTES = 64 * 1024;
    private static final int TABLE_MEMORY_BYTES = 8 * 1024 * 1024;

    private final DumpOptions options;
    private final int tableMemoryBytes;
    private final long minSplitBytes;

    public DumpWriter(DumpOptions options) {
        this(options, TABLE_MEMORY_BYTES, TablePart.MIN_SPLIT_BYTES);
    }

    /**
     * @param tableMemoryBytes the memory a table rendered ahead of its turn may hold before it goes to a file
     * @param minSplitBytes    the smallest table read in parts when the dump has several connections
     */
    DumpWriter(DumpOptions options, int tableMemoryBytes, long minSplitBytes) {
        this.options = Objects.requireNonNull(options, "options");
        this.tableMemoryBytes = tableMemoryBytes;
        this.minSplitBytes = minSplitBytes;
    }

    /** Writes the dump to {@code out}, compressed if the options say gzip; {@code out} is flushed, not closed. */
    public DumpResult write(Connection source, OutputStream out) throws SQLException, IOException {
        try (DumpSnapshot snapshot = DumpSnapshot.on(source)) {
            return write(snapshot, out, options.gzip(), null);
        }
    }

    /** Writes the dump to {@code out} as {@link #write(Connection, OutputStream)} does, through connections it opens. */
    public DumpResult write(ConnectionFactory source, OutputStream out) throws SQLException, IOException {
        try (DumpSnapshot snapshot = DumpSnapshot.open(source, options.parallelism())) {
            return write(snapshot, out, options.gzip(), null);
        }
    }

    public DumpResult write(DataSource source, OutputStream out) throws SQLException, IOException {
        return write(source::getConnection, out);
    }

    /**
     * Writes the dump to {@code file}, compressed if the options say gzip or the name ends with {@code .gz}.
     * The file appears only once complete: a failed or cancelled dump leaves nothing that looks like a dump.
     */
    public DumpResult write(Connection source, Path file) throws SQLException, IOException {
        try (DumpSnapshot snapshot = DumpSnapshot.on(source)) {
            return write(snapshot, file);
        }
    }

    /** Writes the dump to {@code file} as {@link #write(Connection, Path)} does, through connections it opens. */
    public DumpResult write(ConnectionFactory source, Path file) throws SQLException, IOException {
        try (DumpSnapshot snapshot = DumpSnapshot.open(source, options.parallelism())) {
            return write(snapshot, file);
        }
    }

    public DumpResult write(DataSource source, Path file) throws SQLException, IOException {
        return write(source::getConnection, file);
    }

    private DumpResult write(DumpSnapshot snapshot, Path file) throws SQLException, IOException {
        boolean gzip = options.gzip() || file.getFileName().toString().endsWith(".gz");
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            DumpResult result;
            // Not Files.newOutputStream: its channel closes when the thread is interrupted, before the dump can stop cleanly.
            try (OutputStream out = new FileOutputStream(partial.toFile())) {
                result = write(snapshot, out, gzip, partial.toAbsolutePath().getParent());
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** @param spillDirectory where tables rendered ahead of their turn may wait; null for the system's temporary directory */
    private DumpResult write(DumpSnapshot snapshot, OutputStream out, boolean gzip, Path spillDirectory)
            throws SQLException, IOException {
        GZIPOutputStream compressed = gzip ? new FastGzipOutputStream(out) : null;
        DumpResult result = new DumpRun(options, gzip ? compressed : out, spillDirectory, tableMemoryBytes, minSplitBytes)
                .run(snapshot.connections());
        if (compressed != null) {
            compressed.finish();
        }
        out.flush();
        return result;
    }

    /** Gzip at the fastest level: SQL text still shrinks several times, at a fraction of the default level's cost. */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, GZIP_BUFFER_BYTES);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
