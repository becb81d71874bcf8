package fr.esup.podmigrate.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * The verbs' standard output, written a line at a time. The JVM's own {@code System.out} writes every piece a
 * {@code printf} formats on its own, a column's padding a space at a time: the per-table summary of an import took
 * 9,000 writes to the terminal or the pipe. Each line still goes out as it ends, as a long job's progress does.
 */
final class LineOutput extends FilterOutputStream {

    private static final int BUFFER_BYTES = 1 << 16;

    LineOutput(OutputStream out) {
        super(new BufferedOutputStream(out, BUFFER_BYTES));
    }

    /** Standard output, in the charset {@code System.out} writes in. */
    static PrintStream standardOutput() {
        return new PrintStream(new LineOutput(new FileOutputStream(FileDescriptor.out)), false, stdoutCharset());
    }

    private static Charset stdoutCharset() {
        // stdout.encoding from Java 18, sun.stdout.encoding before it: set when the output is a terminal
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        return name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (b == '\n') {
            out.flush();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                out.flush();
                return;
            }
        }
    }
}
