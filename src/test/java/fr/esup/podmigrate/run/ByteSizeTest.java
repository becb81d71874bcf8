package fr.esup.podmigrate.run;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSizeTest {

    @Test
    void aSizeIsShownInTheLargestUnitThatKeepsItAtOneOrMore() {
        assertThat(new ByteSize(DataSize.ofGigabytes(20).toBytes())).extracting(ByteSize::unit, ByteSize::value)
                .containsExactly("GB", 20.0);
        assertThat(new ByteSize(1536)).extracting(ByteSize::unit, ByteSize::value).containsExactly("KB", 1.5);
        assertThat(new ByteSize(1023)).extracting(ByteSize::unit, ByteSize::value).containsExactly("B", 1023.0);
        assertThat(new ByteSize(0).unit()).isEqualTo("B");
        assertThat(new ByteSize(DataSize.ofTerabytes(3000).toBytes()).unit()).isEqualTo("TB");
    }

    @Test
    void aBackupOfSomeKilobytesIsShownInKilobytes() {
        assertThat(new ByteSize(87_884)).extracting(ByteSize::unit, ByteSize::value).containsExactly("KB", 87_884 / 1024.0);
        assertThat(new ByteSize(19_456).unit()).isEqualTo("KB");
        assertThat(new ByteSize(5L * 1024 * 1024 + 1).unit()).isEqualTo("MB");
    }
}
