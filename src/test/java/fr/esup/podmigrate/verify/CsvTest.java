package fr.esup.podmigrate.verify;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void quotesOnlyTheFieldsThatNeedItAndEndsLinesWithCrlf() {
        String csv = new Csv().row(List.of("a", "b,c", "say \"hi\"")).row(Arrays.asList("line\nbreak", null, "")).toString();
        assertThat(csv).isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",,\r\n");
        assertThat(CsvReader.parse(csv)).containsExactly(List.of("a", "b,c", "say \"hi\""), List.of("line\nbreak", "", ""));
    }
}
