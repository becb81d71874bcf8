package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.ImportProgress.Stage;
import fr.esup.podmigrate.sql.script.ScriptCompression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
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
 * #RESERVE_BYTES} bytes more, for the database, which may share it. When it would not, when the folder cannot be
 * written, when the import is cancelled meanwhile, or when the file does not decompress to an SQL script (the import's
 * own reading then names the damage and its line), there is no copy: the import reads the compressed script as it
 * streams, as it would without a folder for the copy.
 *
 * <p>The copy is readable by its owner alone, and deleted by {@link #delete}. While it is in use, this process holds
 * a lock on a file beside it, which the system releases when the process ends however it ends: a copy whose lock is
 * free is a leftover, which the next copy made in the folder deletes. The lock is on a file of its own because a
 * process's locks on a file go when it closes any of its channels to that file, which the import's readers do.
 */
final class DecompressedCopy {

    static final long RESERVE_BYTES = 1L << 30;
    /** Free space is checked each time the copy has grown by this much. */
    static final long CHECK_EVERY_BYTES = 64L << 20;
    private static final int BUFFER_BYTES = 1 << 20;
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;
    private static final String PREFIX = "pod-migrate-decompressed-";
    private static final String LOCK_SUFFIX = ".lock";
    private static final Pattern LOCK_NAME = Pattern.compile("(" + Pattern.quote(PREFIX) + "[0-9a-f-]+\\.sql)"
            + Pattern.quote(LOCK_SUFFIX));
    /** The copies this process made and has not deleted, with the channel that holds the lock of each. */
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

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
     * @return the copy, which the caller gives to {@link #delete} once the import is over; null when the script is
     *         plain, when the folder cannot be written, when the disk has no room for the copy, when {@code cancelled}
     *         turns true, or when the file does not decompress to its end or decompresses to a compressed file
     */
    Path make(Path script, Path folder, Consumer<ImportProgress> progress, BooleanSupplier cancelled)
            throws IOException {
        if (!ScriptCompression.of(script).compressed()) {
            return null;
        }
        Path copy = folder.resolve(PREFIX + UUID.randomUUID() + ".sql");
        boolean made = false;
        try {
            Files.createDirectories(folder);
            deleteLeftovers(folder);
            HELD.put(copy, locked(lockOf(copy)));
            try (FileChannel file = FileChannel.open(script);
                 InputStream in = ScriptCompression.decompressed(Channels.newInputStream(file));
                 OutputStream out = Files.newOutputStream(createdForOwnerAlone(copy), StandardOpenOption.WRITE)) {
                made = copy(file, in, out, folder, progress, cancelled);
            }
            made = made && !ScriptCompression.of(copy).compressed();
        } catch (IOException | UncheckedIOException e) {
            made = false;
        } finally {
            if (!made) {
                delete(copy);
            }
        }
        return made ? copy : null;
    }

    /** Deletes a copy this process made, and releases its lock; what cannot be deleted, the next copy deletes. */
    static void delete(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            // its lock goes below: the next copy made in the folder deletes it
        }
        FileChannel lock = HELD.remove(copy);
        if (lock == null) {
            return;
        }
        try (lock) {
            Files.deleteIfExists(lockOf(copy));
        } catch (IOException e) {
            // a lock file left, its lock free: the next copy made in the folder deletes it
        }
    }

    /** @return whether the whole content was copied */
    private boolean copy(FileChannel file, InputStream in, OutputStream out, Path folder,
                         Consumer<ImportProgress> progress, BooleanSupplier cancelled) throws IOException {
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
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                progress.accept(new ImportProgress(file.position(), file.size(), 0, 0, Stage.DECOMPRESSING));
                lastReport = System.nanoTime();
            }
        }
        progress.accept(new ImportProgress(file.size(), file.size(), 0, 0, Stage.DECOMPRESSING));
        return true;
    }

    private static Path lockOf(Path copy) {
        return copy.resolveSibling(copy.getFileName() + LOCK_SUFFIX);
    }

    private static FileChannel locked(Path lockFile) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            channel.lock();
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(lockFile);
            throw e;
        }
    }

    /** The copy holds the whole database, users' password hashes included, wherever the script lies. */
    private static Path createdForOwnerAlone(Path copy) throws IOException {
        if (copy.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createFile(copy, PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        }
        return Files.createFile(copy);
    }

    /** Deletes the copies whose lock no process holds. */
    private static void deleteLeftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path lockFile : files.toList()) {
                Matcher name = LOCK_NAME.matcher(lockFile.getFileName().toString());
                Path copy = name.matches() ? lockFile.resolveSibling(name.group(1)) : null;
                // this process's own: opening its lock file and closing it would release the lock
                if (copy == null || HELD.containsKey(copy)) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                     FileLock lock = channel.tryLock()) {
                    if (lock != null) {
                        Files.deleteIfExists(copy);
                        Files.deleteIfExists(lockFile);
                    }
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
