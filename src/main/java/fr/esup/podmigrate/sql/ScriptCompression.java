package fr.esup.podmigrate.sql;

import fr.esup.podmigrate.sql.ScriptFormatException.Reason;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * How a script file is compressed, told by its first bytes, never by its name: plain, gzip (mariadb-dump piped to
 * gzip, phpMyAdmin's "gzipped"), or a zip archive of one script (phpMyAdmin's "zipped"). The formats nobody can
 * import without a tool of their own (bzip2, xz, zstd) are named, so that the operator knows what to run.
 */
public enum ScriptCompression {
    NONE("", ""),
    GZIP("gzip", ".gz"),
    ZIP("zip", ".zip");

    private static final int GZIP_BUFFER_BYTES = 64 << 10;
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
            byte[] magic = in.readNBytes(MAGIC_BYTES);
            return isGzip(magic) ? GZIP : isZip(magic) ? ZIP : NONE;
        }
    }

    /** The end of a file name that says so: {@code .gz}, {@code .zip}, or nothing. */
    public String fileSuffix() {
        return fileSuffix;
    }

    boolean compressed() {
        return this != NONE;
    }

    /** The script's stream and its compression: {@code in} itself when plain, else the decompressed content. */
    record Opened(InputStream script, ScriptCompression compression) {
    }

    static Opened open(InputStream in) throws IOException {
        PushbackInputStream sniffed = new PushbackInputStream(in, MAGIC_BYTES);
        byte[] magic = sniffed.readNBytes(MAGIC_BYTES);
        sniffed.unread(magic);
        if (isGzip(magic)) {
            try {
                return new Opened(new GZIPInputStream(sniffed, GZIP_BUFFER_BYTES), GZIP);
            } catch (ZipException | EOFException e) {
                throw GZIP.damaged(1, e);
            }
        }
        if (isZip(magic)) {
            return new Opened(firstFile(new ZipInputStream(sniffed)), ZIP);
        }
        refuseUnsupported(magic);
        return new Opened(sniffed, NONE);
    }

    ScriptFormatException damaged(long atLine, IOException cause) {
        return new ScriptFormatException(Reason.CORRUPT_COMPRESSED_FILE, atLine,
                "the " + label + " file is damaged or truncated (" + cause.getMessage() + ")", cause);
    }

    private static InputStream firstFile(ZipInputStream zip) throws IOException {
        try {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory()) {
                    return zip;
                }
            }
        } catch (ZipException | EOFException e) {
            throw ZIP.damaged(1, e);
        }
        throw new ScriptFormatException(Reason.NOT_SQL, 1, "the zip archive holds no file");
    }

    private static void refuseUnsupported(byte[] magic) throws ScriptFormatException {
        String format = null;
        String command = null;
        if (startsWith(magic, 'B', 'Z', 'h')) {
            format = "bzip2";
            command = "bunzip2";
        } else if (startsWith(magic, 0xFD, '7', 'z', 'X')) {
            format = "xz";
            command = "unxz";
        } else if (startsWith(magic, 0x28, 0xB5, 0x2F, 0xFD)) {
            format = "zstd";
            command = "unzstd";
        }
        if (format != null) {
            throw new ScriptFormatException(Reason.UNSUPPORTED_COMPRESSION, 1, "the file is " + format
                    + "-compressed: decompress it first (" + command + " FILE), or give it plain, gzip or zip");
        }
    }

    private static boolean isGzip(byte[] magic) {
        return startsWith(magic, 0x1F, 0x8B);
    }

    private static boolean isZip(byte[] magic) {
        return startsWith(magic, 'P', 'K', 0x03, 0x04);
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
