package fr.esup.podmigrate.sql;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

class ByteWordsTest {

    @Test
    void findsTheFirstByteItLooksForInEveryWord() {
        Random random = new Random(17);
        byte[] bytes = new byte[8];
        for (int run = 0; run < 200_000; run++) {
            for (int i = 0; i < bytes.length; i++) {
                // few distinct values, so that words hold the bytes looked for, zeros and borrows
                bytes[i] = (byte) switch (random.nextInt(5)) {
                    case 0 -> random.nextInt(3);
                    case 1 -> '\'' + random.nextInt(3) - 1;
                    case 2 -> 0x1f + random.nextInt(3);
                    case 3 -> 0x80 + random.nextInt(0x80);
                    default -> random.nextInt(256);
                };
            }
            long word = ByteWords.at(bytes, 0);
            assertFirst(ByteWords.equalTo(word, '\''), bytes, b -> b == '\'');
            assertFirst(ByteWords.equalTo(word, 0), bytes, b -> b == 0);
            assertFirst(ByteWords.equalTo(word, 0xC3), bytes, b -> b == 0xC3);
            assertFirst(ByteWords.below(word, 0x20), bytes, b -> b < 0x20);
            assertFirst(ByteWords.below(word, 1), bytes, b -> b < 1);
            assertFirst(ByteWords.nonAscii(word), bytes, b -> b >= 0x80);
        }
    }

    @Test
    void readsTheFirstByteIntoTheLowestOfTheWord() {
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(ByteWords.at(bytes, 1)).isEqualTo(0x0908070605040302L);
    }

    private static void assertFirst(long found, byte[] bytes, IntPredicate sought) {
        int first = -1;
        for (int i = 0; i < bytes.length && first < 0; i++) {
            if (sought.test(bytes[i] & 0xFF)) {
                first = i;
            }
        }
        if (first < 0) {
            assertThat(found).isZero();
        } else {
            assertThat(found).isNotZero();
            assertThat(ByteWords.firstFound(found)).isEqualTo(first);
        }
    }
}
