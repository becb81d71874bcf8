package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.script.ScriptCompression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A compressed script decompressed into a file of its own for its import. From a plain file, each long run of one
 * table's rows goes to a connection that reads it there and loads it as LOAD DATA or bound, the table's keys built
 * after its rows (see {@link fr.esup.podmigrate.sql.script.ScriptAnalyzer.DataRun}); a compressed script can only be
 * read in order, by one thread that hands its statements out one by one as text.
 *
 * <p>The copy is made only while the disk keeps at least as much free space as the copy takes, and {@value
 * #RESERVE_BYTES} bytes more, for the database, which may share it. When it would not, or when the file cannot be
 * decompressed to its end (the import's own reading then names the damage and its line), there is no copy: the import
 * reads the compressed script as it streams, as it would without a folder for the copy. A copy's name holds its
 * process's id, so that the copy of an import killed on the way is deleted by the next one.
 */
final class DecompressedCopy {

    static final long RESERVE_BYTES = 1L << 30;
    /** Free space is checked each time the copy has grown by this much. */
    static final long CHECK_EVERY_BYTES = 64L << 20;
    private static final int BUFFER_BYTES = 1 << 20;
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;
    private static final String PREFIX = "pod-migrate-decompressed-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})-[0-9a-f-]+\\.sql");

    private final ToLongFunction<Path> usableSpace;

    DecompressedCopy() {
        this(DecompressedCopy::usableSpace);
    }

    /** @param usableSpace the bytes a folder's disk has free for this process */
    DecompressedCopy(ToLongFunction<Path> usableSpace) {
        this.usableSpace = usableSpace;
    }

    /**
     * Decompresses a compressed script into {@code folder}, telling {@code progress} how much of the file is read.
     *
     * @return the copy, which the caller deletes once the import is over; null when the script is plain, when the
     *         folder cannot be written, when the disk has no room for the copy or when the file does not decompress to
     *         its end
     */
    Path make(Path script, Path folder, Consumer<ImportProgress> progress) throws IOException {
        if (!ScriptCompression.of(script).compressed()) {
            return null;
        }
        try {
            Files.createDirectories(folder);
            deleteLeftovers(folder);
        } catch (IOException e) {
            return null;
        }
        Path copy = folder.resolve(PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".sql");
        boolean made = false;
        try (FileChannel file = FileChannel.open(script);
             InputStream in = ScriptCompression.decompressed(Channels.newInputStream(file));
             OutputStream out = Files.newOutputStream(createdForOwnerAlone(copy), StandardOpenOption.WRITE)) {
            made = copy(file, in, out, folder, progress);
        } catch (IOException | UncheckedIOException e) {
            made = false;
        } finally {
            if (!made) {
                Files.deleteIfExists(copy);
            }
        }
        return made ? copy : null;
    }

    /** @return whether the whole content was copied */
    private boolean copy(FileChannel file, InputStream in, OutputStream out, Path folder,
                         Consumer<ImportProgress> progress) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long written = 0;
        long checkAt = 0;
        long lastReport = System.nanoTime();
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (written >= checkAt) {
                // the free space once the next bytes are written must still hold the copy and the reserve
                if (usableSpace.applyAsLong(folder) < written + 2 * CHECK_EVERY_BYTES + RESERVE_BYTES) {
                    return false;
                }
                checkAt = written + CHECK_EVERY_BYTES;
            }
            out.write(buffer, 0, n);
            written += n;
            if (System.nanoTime() - lastReport > PROGRESS_INTERVAL_NANOS) {
                progress.accept(new ImportProgress(file.position(), file.size(), 0, 0, true));
                lastReport = System.nanoTime();
            }
        }
        progress.accept(new ImportProgress(file.size(), file.size(), 0, 0, true));
        return true;
    }

    /** The copy holds the whole database, users' password hashes included, wherever the script lies. */
    private static Path createdForOwnerAlone(Path copy) throws IOException {
        if (copy.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createFile(copy, PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        }
        return Files.createFile(copy);
    }

    /** Deletes the copies whose process is gone. */
    private static void deleteLeftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static long usableSpace(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
