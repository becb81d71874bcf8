package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.ScriptFormatException.Reason;

import io.airlift.compress.zstd.ZstdInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
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
    /** The magic number and what follows it in a zstd frame's header: its descriptor and its window's size. */
    private static final int SNIFFED_BYTES = 6;
    /** The largest window aircompressor decodes; zstd's levels up to 19 stay within it, --ultra and --long do not. */
    private static final long MAX_ZSTD_WINDOW_BYTES = 8L << 20;

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
        PushbackInputStream sniffed = new PushbackInputStream(in, SNIFFED_BYTES);
        byte[] head = sniffed.readNBytes(SNIFFED_BYTES);
        sniffed.unread(head);
        refuseUnsupported(head);
        ScriptCompression compression = of(head);
        try {
            return new Opened(switch (compression) {
                case NONE -> sniffed;
                case GZIP -> new Decompressed(ConcatenatedStreams.gzip(buffered(sniffed)));
                case ZIP -> new Decompressed(onlyFile(new ZipInputStream(sniffed)));
                case BZIP2 -> new Decompressed(ConcatenatedStreams.bzip2(buffered(sniffed)));
                case XZ -> new Decompressed(new XZInputStream(buffered(sniffed)));
                case ZSTD -> new Decompressed(new ZstdInputStream(sniffed));
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
        if (cause instanceof AnotherFileInZip) {
            return new ScriptFormatException(Reason.UNSUPPORTED_COMPRESSION, atLine, cause.getMessage(), cause);
        }
        String why = cause instanceof EOFException ? "it ends before its compressed data does"
                : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new ScriptFormatException(Reason.CORRUPT_COMPRESSED_FILE, atLine,
                "the " + label + " file is damaged or truncated (" + why + ")", cause);
    }

    private static InputStream onlyFile(ZipInputStream zip) throws IOException {
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (!entry.isDirectory()) {
                return new OnlyZipEntry(zip, entry.getName());
            }
        }
        throw new ScriptFormatException(Reason.NOT_SQL, 1, "the zip archive holds no file");
    }

    /** The file of a zip archive of one script (folders aside): another file after it fails the reading at its end. */
    private static final class OnlyZipEntry extends FilterInputStream {
        private final String name;

        OnlyZipEntry(ZipInputStream zip, String name) {
            super(zip);
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                noOtherFile();
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n < 0) {
                noOtherFile();
            }
            return n;
        }

        private void noOtherFile() throws IOException {
            ZipInputStream zip = (ZipInputStream) in;
            for (ZipEntry next = zip.getNextEntry(); next != null; next = zip.getNextEntry()) {
                if (!next.isDirectory()) {
                    throw new AnotherFileInZip(name, next.getName());
                }
            }
        }
    }

    /** A zip archive holds a file after the script's, which an import would leave unread. */
    private static final class AnotherFileInZip extends IOException {
        AnotherFileInZip(String script, String other) {
            super("the zip archive holds another file after " + script + ": " + other + "; the import reads one:"
                    + " give the script alone, or a zip of it alone");
        }
    }

    private static void refuseUnsupported(byte[] head) throws ScriptFormatException {
        if (startsWithSkippableZstdFrame(head)) {
            throw new ScriptFormatException(Reason.UNSUPPORTED_COMPRESSION, 1, "the file starts with a skippable zstd"
                    + " frame, as pzstd writes them: decompress it first (pzstd -d FILE), or give it plain, gzip, zip,"
                    + " bzip2, xz or zstd");
        }
        long window = zstdWindowBytes(head);
        if (window > MAX_ZSTD_WINDOW_BYTES) {
            throw new ScriptFormatException(Reason.UNSUPPORTED_COMPRESSION, 1, "the zstd file needs a window of "
                    + (window >> 20) + " MiB (zstd --long or --ultra writes such files), more than the "
                    + (MAX_ZSTD_WINDOW_BYTES >> 20) + " MiB this reader decodes: decompress it first (zstd -d --long=31"
                    + " FILE), or compress it again at a level up to 19 without --long");
        }
    }

    /**
     * The window a zstd file's first frame asks for, from its header's Window_Descriptor; 0 for a frame of one segment,
     * whose window is its content, or another file.
     */
    private static long zstdWindowBytes(byte[] head) {
        if (head.length < SNIFFED_BYTES || of(head) != ZSTD || (head[4] & 0x20) != 0) {
            return 0;
        }
        int descriptor = head[5] & 0xFF;
        long base = 1L << (10 + (descriptor >> 3));
        return base + base / 8 * (descriptor & 7);
    }

    /** A skippable frame's magic number, 0x184D2A50 to 0x184D2A5F, little-endian. */
    private static boolean startsWithSkippableZstdFrame(byte[] head) {
        return head.length >= MAGIC_BYTES && (head[0] & 0xF0) == 0x50 && startsWith(head, head[0] & 0xFF, 0x2A,
                0x4D, 0x18);
    }

    /**
     * What a decompressor gives, at most {@value #DECOMPRESSION_BUFFER_BYTES} bytes a call, its unchecked exceptions
     * made IOExceptions. The decompressors of commons-compress fill the whole buffer a call asks for before they
     * return, so that a damage met on the way took the bytes before it along: the reader now reads up to the damage
     * and names its line. A decoder fed damaged or hostile bytes may fail with an unchecked exception (aircompressor's
     * zstd decoder does), which the reader names as damage too.
     */
    private static final class Decompressed extends InputStream {
        private final InputStream decompressor;

        Decompressed(InputStream decompressor) {
            this.decompressor = decompressor;
        }

        @Override
        public int read() throws IOException {
            try {
                return decompressor.read();
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return decompressor.read(bytes, offset, Math.min(length, DECOMPRESSION_BUFFER_BYTES));
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            decompressor.close();
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
