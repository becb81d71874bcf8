package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.ImportProgress;

import io.airlift.compress.zstd.ZstdOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DecompressedCopyTest {

    private static final byte[] SCRIPT = ("INSERT INTO t VALUES (1,'é 😀'),(2,'it\\'s');\n".repeat(50_000))
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    @Test
    void aGzipXzBzip2ZstdOrZipScriptIsCopiedAsItsContentForItsOwnerAlone() throws IOException {
        for (String format : List.of("gz", "xz", "bz2", "zst", "zip")) {
            Path script = compressed(SCRIPT, format);

            Path copy = make(roomy(), script);

            assertThat(copy).as(format).hasParent(copies());
            assertThat(Files.readAllBytes(copy)).as(format).isEqualTo(SCRIPT);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).as(format)
                    .isEqualTo("rw-------");
            DecompressedCopy.delete(copy);
            assertThat(copies()).as(format).isEmptyDirectory();
        }
    }

    @Test
    void aPlainScriptHasNoCopy() throws IOException {
        Path script = Files.write(directory.resolve("plain.sql"), SCRIPT);

        assertThat(make(roomy(), script)).isNull();
    }

    /** Streamed, such a file is no SQL: the copy, itself compressed, would be decompressed once more. */
    @Test
    void aScriptCompressedTwiceHasNoCopyAndLeavesNone() throws IOException {
        Path once = compressed(SCRIPT, "gz");
        Path twice = directory.resolve("twice.sql.gz.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(twice))) {
            Files.copy(once, out);
        }

        assertThat(make(roomy(), twice)).isNull();
        assertThat(copies()).isEmptyDirectory();
    }

    /** The copy never leaves less free space than it takes, and the reserve: else the import streams the script. */
    @Test
    void noCopyWhereTheDiskWouldKeepLessThanTheCopyAndTheReserve() throws IOException {
        Path script = compressed(SCRIPT, "gz");
        long justEnough = 2 * DecompressedCopy.CHECK_EVERY_BYTES + DecompressedCopy.RESERVE_BYTES;

        Path tooLittle = make(folder -> justEnough - 1, script);
        Path enough = make(folder -> justEnough, script);

        assertThat(tooLittle).isNull();
        assertThat(enough).isNotNull();
        try (Stream<Path> files = Files.list(copies())) {
            assertThat(files.filter(file -> file.toString().endsWith(".sql")).toList()).containsExactly(enough);
        }
    }

    /** Checked again as the copy grows: what was enough for nothing written is not once 64 MiB are. */
    @Test
    void theFreeSpaceIsCheckedAgainAsTheCopyGrows() throws IOException {
        byte[] big = new byte[(int) DecompressedCopy.CHECK_EVERY_BYTES + (1 << 20)];
        Arrays.fill(big, (byte) ' ');
        Path script = compressed(big, "gz");
        long enoughAtFirst = 2 * DecompressedCopy.CHECK_EVERY_BYTES + DecompressedCopy.RESERVE_BYTES;
        AtomicInteger checks = new AtomicInteger();

        Path copy = make(folder -> {
            checks.incrementAndGet();
            return enoughAtFirst;
        }, script);

        assertThat(copy).isNull();
        assertThat(checks).hasValue(2);
        assertThat(copies()).isEmptyDirectory();
    }

    @Test
    void aFolderThatCannotBeWrittenHasNoCopy() throws IOException {
        Path notAFolder = Files.writeString(directory.resolve("file"), "");

        assertThat(new DecompressedCopy(roomy()).make(compressed(SCRIPT, "gz"), notAFolder.resolve("copies"),
                progress -> { }, () -> false)).isNull();
    }

    /** The import's own reading then names the damage and its line. */
    @Test
    void aDamagedFileHasNoCopyAndLeavesNone() throws IOException {
        byte[] bytes = Files.readAllBytes(compressed(SCRIPT, "gz"));
        Path truncated = Files.write(directory.resolve("truncated.sql.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(make(roomy(), truncated)).isNull();
        assertThat(copies()).isEmptyDirectory();
    }

    /**
     * A copy whose lock no process holds (its import was killed) is deleted by the next; one this process holds, one
     * another process holds and an operator's file stay.
     */
    @Test
    void theCopyOfAnImportKilledOnTheWayIsDeletedByTheNext() throws Exception {
        Path held = make(roomy(), compressed(SCRIPT, "gz"));
        Path leftover = Files.writeString(copies().resolve("pod-migrate-decompressed-0b7e2c1a-1f2d-4c3b-9a8e-5d6f.sql"),
                "SELECT 1;");
        Path leftoverLock = Files.writeString(leftover.resolveSibling(leftover.getFileName() + ".lock"), "");
        Path operators = Files.writeString(copies().resolve("podv2.sql"), "SELECT 1;");
        Path elsewhere = Files.writeString(copies().resolve("pod-migrate-decompressed-1c8f3d2b-2e3f.sql"), "SELECT 1;");
        Path elsewhereLock = elsewhere.resolveSibling(elsewhere.getFileName() + ".lock");
        Process holder = holdLock(elsewhereLock);
        try {
            Path next = make(roomy(), compressed(SCRIPT, "xz"));

            assertThat(next).isNotNull();
            assertThat(leftover).doesNotExist();
            assertThat(leftoverLock).doesNotExist();
            assertThat(held).exists();
            assertThat(elsewhere).exists();
            assertThat(operators).exists();
            DecompressedCopy.delete(next);
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
        DecompressedCopy.delete(held);
        assertThat(held).doesNotExist();
        assertThat(held.resolveSibling(held.getFileName() + ".lock")).doesNotExist();
    }

    @Test
    void aCancelledImportHasNoCopyAndLeavesNone() throws IOException {
        byte[] big = new byte[32 << 20];
        Arrays.fill(big, (byte) ' ');
        Path script = compressed(big, "bz2");

        Path copy = new DecompressedCopy(roomy()).make(script, copies(), progress -> { }, () -> true);

        assertThat(copy).isNull();
        assertThat(copies()).isEmptyDirectory();
    }

    @Test
    void progressCountsTheCompressedBytesReadToTheWholeFile() throws IOException {
        Path script = compressed(SCRIPT, "xz");
        List<ImportProgress> reported = new ArrayList<>();

        new DecompressedCopy(roomy()).make(script, copies(), reported::add, () -> false);

        long size = Files.size(script);
        assertThat(reported).isNotEmpty().allSatisfy(progress -> {
            assertThat(progress.stage()).isEqualTo(ImportProgress.Stage.DECOMPRESSING);
            assertThat(progress.bytesTotal()).isEqualTo(size);
            assertThat(progress.bytesRead()).isBetween(0L, size);
        });
        assertThat(reported.get(reported.size() - 1).fraction()).isEqualTo(1.0);
    }

    /** Another JVM that holds the lock of a copy, as a running import does. */
    private Process holdLock(Path lockFile) throws Exception {
        Files.createFile(lockFile);
        Path holder = Files.writeString(directory.resolve("LockHolder.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;

                public class LockHolder {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                             var lock = channel.lock()) {
                            Thread.sleep(60_000);
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, holder.toString(), lockFile.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // this process holds no lock on the file: opening and closing it here releases none
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!heldElsewhere(lockFile)) {
            assertThat(process.isAlive()).as("the process that holds the lock").isTrue();
            assertThat(System.nanoTime()).as("the lock taken within a minute").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return process;
    }

    private static boolean heldElsewhere(Path lockFile) throws IOException {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        }
    }

    private Path make(java.util.function.ToLongFunction<Path> usableSpace, Path script) throws IOException {
        return new DecompressedCopy(usableSpace).make(script, copies(), progress -> { }, () -> false);
    }

    private static java.util.function.ToLongFunction<Path> roomy() {
        return folder -> Long.MAX_VALUE;
    }

    private Path copies() {
        return directory.resolve("copies");
    }

    private Path compressed(byte[] content, String format) throws IOException {
        Path file = directory.resolve("script.sql." + format);
        Files.deleteIfExists(file);
        try (OutputStream out = switch (format) {
            case "gz" -> new GZIPOutputStream(Files.newOutputStream(file));
            case "xz" -> new XZOutputStream(Files.newOutputStream(file), new LZMA2Options());
            case "zst" -> new ZstdOutputStream(Files.newOutputStream(file));
            case "zip" -> zipped(Files.newOutputStream(file));
            default -> new BZip2CompressorOutputStream(Files.newOutputStream(file));
        }) {
            out.write(content);
        }
        return file;
    }

    private static OutputStream zipped(OutputStream file) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(file);
        zip.putNextEntry(new ZipEntry("podv2.sql"));
        return zip;
    }
}
