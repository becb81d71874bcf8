package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.ImportProgress;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DecompressedCopyTest {

    private static final byte[] SCRIPT = ("INSERT INTO t VALUES (1,'é 😀'),(2,'it\\'s');\n".repeat(50_000))
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    @Test
    void aGzipXzOrBzip2ScriptIsCopiedAsItsContent() throws IOException {
        for (String format : List.of("gz", "xz", "bz2")) {
            Path script = compressed(SCRIPT, format);

            Path copy = new DecompressedCopy().make(script, directory.resolve("copies"), progress -> { });

            assertThat(copy).as(format).hasParent(directory.resolve("copies"));
            assertThat(Files.readAllBytes(copy)).as(format).isEqualTo(SCRIPT);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).as(format)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aPlainScriptHasNoCopy() throws IOException {
        Path script = Files.write(directory.resolve("plain.sql"), SCRIPT);

        assertThat(new DecompressedCopy().make(script, directory.resolve("copies"), progress -> { })).isNull();
    }

    /** The copy never leaves less free space than it takes, and the reserve: else the import streams the script. */
    @Test
    void noCopyWhereTheDiskWouldKeepLessThanTheCopyAndTheReserve() throws IOException {
        Path script = compressed(SCRIPT, "gz");
        long justEnough = 2 * DecompressedCopy.CHECK_EVERY_BYTES + DecompressedCopy.RESERVE_BYTES;
        Path copies = directory.resolve("copies");

        Path tooLittle = new DecompressedCopy(folder -> justEnough - 1).make(script, copies, progress -> { });
        Path enough = new DecompressedCopy(folder -> justEnough).make(script, copies, progress -> { });

        assertThat(tooLittle).isNull();
        assertThat(enough).isNotNull();
        try (var files = Files.list(copies)) {
            assertThat(files.toList()).containsExactly(enough);
        }
    }

    @Test
    void aFolderThatCannotBeWrittenHasNoCopy() throws IOException {
        Path notAFolder = Files.writeString(directory.resolve("file"), "");

        assertThat(new DecompressedCopy().make(compressed(SCRIPT, "gz"), notAFolder.resolve("copies"), progress -> { }))
                .isNull();
    }

    /** The import's own reading then names the damage and its line. */
    @Test
    void aDamagedFileHasNoCopyAndLeavesNone() throws IOException {
        Path whole = compressed(SCRIPT, "gz");
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(directory.resolve("truncated.sql.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        Path copies = directory.resolve("copies");

        assertThat(new DecompressedCopy().make(truncated, copies, progress -> { })).isNull();
        assertThat(copies).isEmptyDirectory();
    }

    @Test
    void theCopyOfAnImportWhoseProcessIsGoneIsDeletedAndAnotherKept() throws Exception {
        Path copies = Files.createDirectories(directory.resolve("copies"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path leftover = Files.writeString(copies.resolve("pod-migrate-decompressed-" + ended.pid()
                + "-0b7e2c1a-1f2d-4c3b-9a8e-5d6f7a8b9c0d.sql"), "SELECT 1;");
        Path running = Files.writeString(copies.resolve("pod-migrate-decompressed-" + ProcessHandle.current().pid()
                + "-1c8f3d2b-2e3f-4d4c-8b9f-6e7a8b9c0d1e.sql"), "SELECT 1;");
        Path operators = Files.writeString(copies.resolve("podv2.sql"), "SELECT 1;");

        new DecompressedCopy().make(compressed(SCRIPT, "gz"), copies, progress -> { });

        assertThat(leftover).doesNotExist();
        assertThat(running).exists();
        assertThat(operators).exists();
    }

    @Test
    void progressCountsTheCompressedBytesReadToTheWholeFile() throws IOException {
        Path script = compressed(SCRIPT, "xz");
        List<ImportProgress> reported = new ArrayList<>();

        new DecompressedCopy().make(script, directory.resolve("copies"), reported::add);

        long size = Files.size(script);
        assertThat(reported).isNotEmpty().allSatisfy(progress -> {
            assertThat(progress.checking()).isTrue();
            assertThat(progress.bytesTotal()).isEqualTo(size);
            assertThat(progress.bytesRead()).isBetween(0L, size);
        });
        assertThat(reported.get(reported.size() - 1).fraction()).isEqualTo(1.0);
    }

    private Path compressed(byte[] content, String format) throws IOException {
        Path file = directory.resolve("script.sql." + format);
        try (OutputStream out = switch (format) {
            case "gz" -> new GZIPOutputStream(Files.newOutputStream(file));
            case "xz" -> new XZOutputStream(Files.newOutputStream(file), new LZMA2Options());
            default -> new BZip2CompressorOutputStream(Files.newOutputStream(file));
        }) {
            out.write(content);
        }
        return file;
    }
}
