package fr.esup.podmigrate.sql.script;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * The content of every member of a gzip file, one after the other (gzip files concatenated), as gzip reads them: the
 * file may end with zero bytes after its last member, as a tape or a block device pads what it stores, which gzip
 * ignores without a word. Anything else after a member fails, where the JDK's GZIPInputStream ends the script silently
 * at a damaged member.
 */
final class GzipMembers extends InputStream {

    private static final int ID1 = 0x1F;

    /** The file, able to mark: each member's decompressor leaves it right after the member's trailer. */
    private final InputStream file;
    private GzipCompressorInputStream member;

    GzipMembers(InputStream file) throws IOException {
        if (!file.markSupported()) {
            throw new IllegalArgumentException("the gzip file must be able to mark");
        }
        this.file = file;
        this.member = new GzipCompressorInputStream(file, false);
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
        while (member != null) {
            int read = member.read(bytes, offset, length);
            if (read >= 0) {
                return read;
            }
            member = nextMember();
        }
        return -1;
    }

    /** The member after the one read to its end; null when only zeros, or nothing, follow it. */
    private GzipCompressorInputStream nextMember() throws IOException {
        file.mark(1);
        int next = file.read();
        if (next == ID1) {
            file.reset();
            return new GzipCompressorInputStream(file, false);
        }
        while (next == 0) {
            next = file.read();
        }
        if (next < 0) {
            return null;
        }
        throw new IOException("Unexpected data after a valid .gz stream");
    }

    @Override
    public void close() throws IOException {
        if (member != null) {
            member.close(); // ends its inflater, and closes the file
        } else {
            file.close();
        }
    }
}
