package fr.esup.podmigrate.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Files the tests make from others. */
public final class TestFiles {

    private TestFiles() {
    }

    /** The file gzipped beside it, as {@code NAME.gz}, as a nightly backup piped to gzip. */
    public static Path gzipped(Path plain) throws IOException {
        Path gzipped = plain.resolveSibling(plain.getFileName() + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            Files.copy(plain, out);
        }
        return gzipped;
    }
}
