package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    @Test
    void takesWhatJavasDecoderTakesAndRefusesWhatItWouldReplace() {
        Random random = new Random(7);
        byte[] alphabet = {'a', '\'', (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0xBF,
                (byte) 0xC0, (byte) 0xC1, (byte) 0xC2, (byte) 0xC3, (byte) 0xDF, (byte) 0xE0, (byte) 0xE1, (byte) 0xEC,
                (byte) 0xED, (byte) 0xEE, (byte) 0xEF, (byte) 0xF0, (byte) 0xF1, (byte) 0xF3, (byte) 0xF4, (byte) 0xF5,
                (byte) 0xFF};
        int valid = 0;
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int expected = supplementaryOrMinusOne(bytes);
            valid += expected >= 0 ? 1 : 0;
            assertThat(Utf8.supplementaryCharacters(bytes, 0, bytes.length))
                    .as("%s", java.util.HexFormat.of().formatHex(bytes)).isEqualTo(expected);
        }
        assertThat(valid).as("well-formed samples among the random ones").isGreaterThan(1000);
    }

    /** Runs of ASCII, read eight bytes at a time, around and between sequences, in ranges that start anywhere. */
    @Test
    void takesWhatJavasDecoderTakesInLongMostlyAsciiRanges() {
        Random random = new Random(11);
        byte[][] units = {"é".getBytes(StandardCharsets.UTF_8), "€".getBytes(StandardCharsets.UTF_8),
                "😀".getBytes(StandardCharsets.UTF_8), {(byte) 0xC3}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF5}, {(byte) 0x80}};
        int valid = 0;
        int withSupplementary = 0;
        for (int round = 0; round < 100_000; round++) {
            ByteArrayOutputStream sample = new ByteArrayOutputStream();
            int length = 1 + random.nextInt(40);
            while (sample.size() < length) {
                if (random.nextInt(20) < 18) {
                    sample.write('a' + random.nextInt(26));
                } else {
                    sample.writeBytes(units[random.nextInt(units.length)]);
                }
            }
            byte[] bytes = sample.toByteArray();
            int from = random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            int expected = supplementaryOrMinusOne(Arrays.copyOfRange(bytes, from, to));
            valid += expected >= 0 && to - from >= 16 ? 1 : 0;
            withSupplementary += expected > 0 && to - from >= 16 ? 1 : 0;
            assertThat(Utf8.supplementaryCharacters(bytes, from, to))
                    .as("%s [%d, %d)", java.util.HexFormat.of().formatHex(bytes), from, to).isEqualTo(expected);
        }
        assertThat(valid).as("well-formed samples of 16 bytes or more").isGreaterThan(1000);
        assertThat(withSupplementary).as("such samples with characters beyond U+FFFF").isGreaterThan(100);
    }

    @Test
    void readsOnlyTheRangeItIsGiven() {
        byte[] bytes = "é".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.supplementaryCharacters(bytes, 0, 2)).isZero();
        assertThat(Utf8.supplementaryCharacters(bytes, 0, 1)).isEqualTo(-1);
        assertThat(Utf8.supplementaryCharacters(bytes, 1, 2)).isEqualTo(-1);
        byte[] emoji = "😀 l'été 🎓".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.supplementaryCharacters(emoji, 0, 12)).isOne();
        assertThat(Utf8.supplementaryCharacters(emoji, 0, emoji.length)).isEqualTo(2);
        assertThat(Utf8.supplementaryCharacters(emoji, 0, emoji.length - 1)).isEqualTo(-1);
    }

    /** What Java's decoder reads of the bytes: how many characters beyond U+FFFF, or -1 when it would replace some. */
    private static int supplementaryOrMinusOne(byte[] bytes) {
        if (!decodes(bytes)) {
            return -1;
        }
        return (int) new String(bytes, StandardCharsets.UTF_8).codePoints().filter(Character::isSupplementaryCodePoint)
                .count();
    }

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
