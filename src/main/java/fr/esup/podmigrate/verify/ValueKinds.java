package fr.esup.podmigrate.verify;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** How a v3 value differs from the v2 value of the same row and column. */
final class ValueKinds {

    /** MariaDB's latin1 is Windows-1252, with the five bytes it leaves undefined mapped to the C1 controls. */
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private ValueKinds() {
    }

    static RowDifference.Kind of(String v2, String v3) {
        if (v2 == null || v3 == null) {
            return RowDifference.Kind.CONVERTED;
        }
        if (v3.length() < v2.length() && v2.startsWith(v3)) {
            return RowDifference.Kind.TRUNCATED;
        }
        if (doubleEncoded(v2).equals(v3) || doubleEncoded(v3).equals(v2) || charactersLost(v2, v3)) {
            return RowDifference.Kind.CHARSET;
        }
        if (sameNumber(v2, v3) || v2.strip().equalsIgnoreCase(v3.strip())) {
            return RowDifference.Kind.CONVERTED;
        }
        return RowDifference.Kind.OTHER;
    }

    /** The text as a client that took its UTF-8 bytes for latin1 stores it. */
    static String doubleEncoded(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder decoded = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            String c = CP1252.decode(ByteBuffer.wrap(new byte[] {b})).toString();
            decoded.append(c.equals("\uFFFD") ? String.valueOf((char) (b & 0xff)) : c);
        }
        return decoded.toString();
    }

    /** The v3 text is the v2 one with the characters its column could not hold stored as '?'. */
    private static boolean charactersLost(String v2, String v3) {
        if (!v3.contains("?")) {
            return false;
        }
        int[] original = v2.codePoints().toArray();
        int[] stored = v3.codePoints().toArray();
        if (original.length != stored.length) {
            return false;
        }
        for (int i = 0; i < original.length; i++) {
            if (original[i] != stored[i] && stored[i] != '?') {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNumber(String v2, String v3) {
        try {
            return new BigDecimal(v2.strip()).compareTo(new BigDecimal(v3.strip())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
