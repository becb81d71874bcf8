package fr.esup.podmigrate.verify;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Every row difference, one CSV line each, written as the comparison finds them. */
public final class DifferencesCsv implements Consumer<RowDifference>, AutoCloseable {

    static final List<String> HEADER = List.of("v2_table", "v3_table", "primary_key", "difference", "explanation",
            "column", "v2_value", "v3_value", "detail");

    private final BufferedWriter out;

    public DifferencesCsv(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(new Csv().row(HEADER).toString());
    }

    @Override
    public void accept(RowDifference d) {
        try {
            out.write(new Csv().row(Arrays.asList(d.v2Table(), d.v3Table(), d.key(), d.kind().key(),
                    d.explanation().key(), d.column(), d.v2Value(), d.v3Value(), d.detail())).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
