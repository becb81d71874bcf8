package fr.esup.podmigrate.sql.script;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * The content of every compressed stream of a gzip or bzip2 file, one after the other (files concatenated, as
 * pigz and pbzip2 also write them), as gzip and bzip2 read them: the file may end with zero bytes after its last
 * stream, as a tape or a block device pads what it stores, which both tools ignore. Anything else after a stream
 * fails, where the JDK's GZIPInputStream ends the script silently at a damaged member and bzip2 warns of trailing
 * garbage it drops.
 */
final class ConcatenatedStreams extends InputStream {

    /** Opens the stream that starts where the file stands, reading its header. */
    private interface Decompressor {
        InputStream open(InputStream file) throws IOException;
    }

    /** The file, able to mark: each stream's decompressor leaves it right after the stream's last byte. */
    private final InputStream file;
    private final int firstMagicByte;
    private final Decompressor decompressor;
    /** The format as messages name it. */
    private final String streamName;
    private InputStream stream;

    private ConcatenatedStreams(InputStream file, int firstMagicByte, Decompressor decompressor, String streamName)
            throws IOException {
        if (!file.markSupported()) {
            throw new IllegalArgumentException("the " + streamName + " file must be able to mark");
        }
        this.file = file;
        this.firstMagicByte = firstMagicByte;
        this.decompressor = decompressor;
        this.streamName = streamName;
        this.stream = decompressor.open(file);
    }

    /** The members of a gzip file. */
    static ConcatenatedStreams gzip(InputStream file) throws IOException {
        return new ConcatenatedStreams(file, 0x1F, in -> new GzipCompressorInputStream(in, false), ".gz");
    }

    /** The streams of a bzip2 file, each from its "BZh". */
    static ConcatenatedStreams bzip2(InputStream file) throws IOException {
        return new ConcatenatedStreams(file, 'B', in -> new BZip2CompressorInputStream(in, false), "BZip2");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (stream != null) {
            int read = stream.read(bytes, offset, length);
            if (read >= 0) {
                return read;
            }
            stream = nextStream();
        }
        return -1;
    }

    /** The stream after the one read to its end; null when only zeros, or nothing, follow it. */
    private InputStream nextStream() throws IOException {
        file.mark(1);
        int next = file.read();
        if (next == firstMagicByte) {
            file.reset();
            return decompressor.open(file);
        }
        while (next == 0) {
            next = file.read();
        }
        if (next < 0) {
            return null;
        }
        throw new IOException("Unexpected data after a valid " + streamName + " stream");
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close(); // ends its decompressor, and closes the file
        } else {
            file.close();
        }
    }
}
