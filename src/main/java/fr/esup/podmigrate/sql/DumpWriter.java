package fr.esup.podmigrate.sql;

import javax.sql.DataSource;
import java.io.BufferedOutputStream;
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
 * <p>The source is the connection's current database. The writer sets session variables and isolation
 * for the dump and restores them afterwards; starting the snapshot commits any transaction open on the
 * connection. Cancelling (by {@link DumpOptions#cancelled()} or by interrupting the thread) throws a
 * {@link java.util.concurrent.CancellationException}.
 */
public final class DumpWriter {

    private static final int OUTPUT_BUFFER_BYTES = 1024 * 1024;
    private static final int GZIP_BUFFER_BYTES = 64 * 1024;

    private final DumpOptions options;

    public DumpWriter(DumpOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Writes the dump to {@code out}, compressed if the options say gzip; {@code out} is flushed, not closed. */
    public DumpResult write(Connection source, OutputStream out) throws SQLException, IOException {
        return write(source, out, options.gzip());
    }

    public DumpResult write(DataSource source, OutputStream out) throws SQLException, IOException {
        try (Connection connection = source.getConnection()) {
            return write(connection, out);
        }
    }

    /**
     * Writes the dump to {@code file}, compressed if the options say gzip or the name ends with {@code .gz}.
     * The file appears only once complete: a failed or cancelled dump leaves nothing that looks like a dump.
     */
    public DumpResult write(Connection source, Path file) throws SQLException, IOException {
        boolean gzip = options.gzip() || file.getFileName().toString().endsWith(".gz");
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            DumpResult result;
            // Not Files.newOutputStream: its channel closes when the thread is interrupted, before the dump can stop cleanly.
            try (OutputStream out = new FileOutputStream(partial.toFile())) {
                result = write(source, out, gzip);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    public DumpResult write(DataSource source, Path file) throws SQLException, IOException {
        try (Connection connection = source.getConnection()) {
            return write(connection, file);
        }
    }

    private DumpResult write(Connection source, OutputStream out, boolean gzip) throws SQLException, IOException {
        GZIPOutputStream compressed = gzip ? new FastGzipOutputStream(out) : null;
        BufferedOutputStream buffered = new BufferedOutputStream(gzip ? compressed : out, OUTPUT_BUFFER_BYTES);
        DumpResult result = new DumpRun(source, options, buffered).run();
        buffered.flush();
        if (compressed != null) {
            compressed.finish();
        }
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
