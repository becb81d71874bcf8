package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.ScriptFormatException.Reason;

import io.airlift.compress.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * How a script file is compressed, told by its first bytes, never by its name: plain, gzip (mariadb-dump piped to
 * gzip, phpMyAdmin's "gzipped"), a zip archive of one script (phpMyAdmin's "zipped"), bzip2, xz or zstd (nightly
 * backups piped to bzip2, xz or zstd). pzstd's files, whose frames each follow a skippable frame, are named so that
 * the operator knows what to run.
 */
public enum ScriptCompression {
    NONE("", ""),
    GZIP("gzip", ".gz"),
    ZIP("zip", ".zip"),
    BZIP2("bzip2", ".bz2"),
    XZ("xz", ".xz"),
    ZSTD("zstd", ".zst");

    private static final int DECOMPRESSION_BUFFER_BYTES = 64 << 10;
    private static final int MAGIC_BYTES = 4;

    private final String label;
    private final String fileSuffix;

    ScriptCompression(String label, String fileSuffix) {
        this.label = label;
        this.fileSuffix = fileSuffix;
    }

    /** The compression of a file, told by its first bytes. */
    public static ScriptCompression of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in.readNBytes(MAGIC_BYTES));
        }
    }

    private static ScriptCompression of(byte[] magic) {
        if (startsWith(magic, 0x1F, 0x8B)) {
            return GZIP;
        }
        if (startsWith(magic, 'P', 'K', 0x03, 0x04)) {
            return ZIP;
        }
        if (startsWith(magic, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (startsWith(magic, 0x28, 0xB5, 0x2F, 0xFD)) {
            return ZSTD;
        }
        return startsWith(magic, 0xFD, '7', 'z', 'X') ? XZ : NONE;
    }

    /**
     * The end of a file name that says so ({@code .gz}, {@code .zip}, {@code .bz2}, {@code .xz}, {@code .zst}), or
     * nothing.
     */
    public String fileSuffix() {
        return fileSuffix;
    }

    public boolean compressed() {
        return this != NONE;
    }

    /** What a file holds as the statement reader reads it: decompressed when it is compressed. */
    public static InputStream decompressed(InputStream file) throws IOException {
        return open(file).script();
    }

    /** The script's stream and its compression: {@code in} itself when plain, else the decompressed content. */
    record Opened(InputStream script, ScriptCompression compression) {
    }

    static Opened open(InputStream in) throws IOException {
        PushbackInputStream sniffed = new PushbackInputStream(in, MAGIC_BYTES);
        byte[] magic = sniffed.readNBytes(MAGIC_BYTES);
        sniffed.unread(magic);
        refuseUnsupported(magic);
        ScriptCompression compression = of(magic);
        try {
            return new Opened(switch (compression) {
                case NONE -> sniffed;
                // every member of the file (gzip files concatenated); bytes after the last that are not one fail,
                // where the JDK's GZIPInputStream ends the script silently at a damaged member
                case GZIP -> new GzipCompressorInputStream(buffered(sniffed), true);
                case ZIP -> firstFile(new ZipInputStream(sniffed));
                case BZIP2 -> new BZip2CompressorInputStream(buffered(sniffed), true);
                case XZ -> new XZInputStream(buffered(sniffed));
                case ZSTD -> new ZstdStream(sniffed);
            }, compression);
        } catch (ScriptFormatException e) {
            throw e;
        } catch (IOException e) {
            throw compression.damaged(1, e);
        }
    }

    /** The decompressors of commons-compress and xz read a byte at a time where a buffer saves most calls. */
    private static InputStream buffered(InputStream in) {
        return new BufferedInputStream(in, DECOMPRESSION_BUFFER_BYTES);
    }

    ScriptFormatException damaged(long atLine, IOException cause) {
        return new ScriptFormatException(Reason.CORRUPT_COMPRESSED_FILE, atLine,
                "the " + label + " file is damaged or truncated (" + cause.getMessage() + ")", cause);
    }

    private static InputStream firstFile(ZipInputStream zip) throws IOException {
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (!entry.isDirectory()) {
                return zip;
            }
        }
        throw new ScriptFormatException(Reason.NOT_SQL, 1, "the zip archive holds no file");
    }

    private static void refuseUnsupported(byte[] magic) throws ScriptFormatException {
        if (startsWithSkippableZstdFrame(magic)) {
            throw new ScriptFormatException(Reason.UNSUPPORTED_COMPRESSION, 1, "the file starts with a skippable zstd"
                    + " frame, as pzstd writes them: decompress it first (pzstd -d FILE), or give it plain, gzip, zip,"
                    + " bzip2, xz or zstd");
        }
    }

    /** A skippable frame's magic number, 0x184D2A50 to 0x184D2A5F, little-endian. */
    private static boolean startsWithSkippableZstdFrame(byte[] magic) {
        return magic.length == MAGIC_BYTES && (magic[0] & 0xF0) == 0x50 && startsWith(magic, magic[0] & 0xFF, 0x2A,
                0x4D, 0x18);
    }

    /**
     * aircompressor's zstd decoder, whose damaged or hostile input fails with unchecked exceptions: the reader names
     * the damage when the decompressor throws an IOException.
     */
    private static final class ZstdStream extends InputStream {
        private final InputStream zstd;

        ZstdStream(InputStream compressed) {
            this.zstd = new ZstdInputStream(compressed);
        }

        @Override
        public int read() throws IOException {
            try {
                return zstd.read();
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return zstd.read(bytes, offset, length);
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            zstd.close();
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
