package fr.esup.podmigrate.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LineOutputTest {

    @Test
    void writesAFormattedLineAtOnceWhenItEnds() {
        List<String> writes = new ArrayList<>();
        ByteArrayOutputStream pending = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                if (size() > 0) {
                    writes.add(toString(StandardCharsets.UTF_8));
                    reset();
                }
            }
        };
        PrintStream out = new PrintStream(new LineOutput(pending), false, StandardCharsets.UTF_8);

        out.printf(Locale.ROOT, "%-10s %5d%n", "video", 42);
        assertThat(writes).containsExactly("video         42\n");
        out.print("été ");
        assertThat(writes).hasSize(1);
        out.println("fini");
        out.write('x');
        out.write('\n');
        assertThat(writes).containsExactly("video         42\n", "été fini\n", "x\n");
    }
}
