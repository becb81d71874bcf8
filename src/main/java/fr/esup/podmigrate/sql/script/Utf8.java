package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.ByteWords;

/**
 * Well-formed UTF-8 (Unicode's table 3-7), as Java's decoder reads it: no overlong form, no surrogate, nothing beyond
 * U+10FFFF, no sequence cut short; the bytes it would turn into U+FFFD are not.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The characters beyond U+FFFF (four bytes each: emoji, rare ideographs) of {@code bytes[from, to)}, or -1 when
     * those bytes are not well-formed UTF-8: what a utf8mb3 column cannot store.
     */
    static int supplementaryCharacters(byte[] bytes, int from, int to) {
        int supplementary = 0;
        int i = from;
        while (i < to) {
            // most of a dump is ASCII: eight bytes at a time (a sixth of the reading of a dump went to this loop)
            while (i + Long.BYTES <= to && ByteWords.nonAscii(ByteWords.at(bytes, i)) == 0) {
                i += Long.BYTES;
            }
            if (i >= to) {
                break;
            }
            if (bytes[i] >= 0) {
                i++;
                continue;
            }
            int sequence = sequenceLength(bytes, i, to);
            if (sequence == 0) {
                return -1;
            }
            if (sequence == 4) {
                supplementary++;
            }
            i += sequence;
        }
        return supplementary;
    }

    /** How many bytes a sequence led by this byte takes, 2 to 4; 0 when no well-formed sequence starts with it. */
    static int expectedLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        return lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    }

    /** The length of the well-formed sequence of 2 to 4 bytes at {@code i}, ending before {@code end}, or 0. */
    static int sequenceLength(byte[] bytes, int i, int end) {
        int lead = bytes[i] & 0xFF;
        int length = expectedLength(lead);
        if (length == 0 || i + length > end) {
            return 0;
        }
        // the second byte's range rules out overlong forms, surrogates and what lies beyond U+10FFFF
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        int second = bytes[i + 1] & 0xFF;
        if (second < low || second > high) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }
}
