package fr.esup.podmigrate.sql.script;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A character set a script declares its text is in ({@code SET NAMES}, {@code character_set_client}), and how its
 * bytes read as the server reads them. The utf8 family, binary and the charsets this import cannot decode read as
 * UTF-8 (non-UTF-8 string literals then become hex literals, see {@link BinaryLiterals}); the single-byte charsets
 * below read byte by byte, as MariaDB converts them to utf8mb4.
 */
public final class ClientCharset {

    static final ClientCharset UTF8MB4 = new ClientCharset("utf8mb4", null, true);

    /**
     * MariaDB's single-byte charsets whose every byte Java decodes as the server converts it (checked against the
     * server), a byte undefined in the charset aside: see {@link #singleByteTable}.
     */
    private static final Map<String, String> SINGLE_BYTE_JAVA_NAMES = Map.ofEntries(
            Map.entry("latin1", "windows-1252"), Map.entry("latin2", "ISO-8859-2"), Map.entry("latin5", "ISO-8859-9"),
            Map.entry("latin7", "ISO-8859-13"), Map.entry("cp1250", "windows-1250"),
            Map.entry("cp1251", "windows-1251"), Map.entry("cp1257", "windows-1257"), Map.entry("cp850", "IBM850"),
            Map.entry("cp852", "IBM852"), Map.entry("koi8r", "KOI8-R"), Map.entry("macroman", "x-MacRoman"),
            Map.entry("macce", "x-MacCentralEurope"), Map.entry("ascii", "US-ASCII"));

    /** The character sets beyond utf8mb3: those that hold the characters beyond U+FFFF (emoji...). */
    private static final Set<String> FULL_UNICODE = Set.of("utf8mb4", "utf16", "utf16le", "utf32");

    private final String name;
    /** The character of each byte for a single-byte charset, else null. */
    private final char[] table;
    private final boolean decodable;

    private ClientCharset(String name, char[] table, boolean decodable) {
        this.name = name;
        this.table = table;
        this.decodable = decodable;
    }

    /** {@code utf8} and its collations, as MariaDB 10.6 and later name them ({@code old_mode=UTF8_IS_UTF8MB3}). */
    public static String utf8Alias(String charsetOrCollation) {
        return charsetOrCollation.equals("utf8") || charsetOrCollation.startsWith("utf8_")
                ? "utf8mb3" + charsetOrCollation.substring(4) : charsetOrCollation;
    }

    /** Whether a character set, by its lower-case name, holds every Unicode character, those beyond U+FFFF too. */
    public static boolean fullUnicode(String charset) {
        return FULL_UNICODE.contains(charset);
    }

    /** The charset of that name (any case; utf8 is utf8mb3); one this import cannot decode reads as UTF-8. */
    static ClientCharset named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "utf8mb4" -> UTF8MB4;
            case "utf8", "utf8mb3" -> new ClientCharset("utf8mb3", null, true);
            case "binary" -> new ClientCharset("binary", null, true);
            default -> {
                String javaName = SINGLE_BYTE_JAVA_NAMES.get(lower);
                yield javaName == null ? new ClientCharset(lower, null, false)
                        : new ClientCharset(lower, singleByteTable(lower, Charset.forName(javaName)), true);
            }
        };
    }

    /**
     * Java leaves a byte the charset does not define as U+FFFD; MariaDB converts it to '?', but for latin1, which
     * is cp1252 with its five undefined bytes read as the C1 controls U+0081, U+008D, U+008F, U+0090 and U+009D.
     */
    private static char[] singleByteTable(String name, Charset charset) {
        char[] table = new char[256];
        for (int b = 0; b < 256; b++) {
            char c = new String(new byte[] {(byte) b}, charset).charAt(0);
            table[b] = c != '\uFFFD' ? c : name.equals("latin1") ? (char) b : '?';
        }
        return table;
    }

    String name() {
        return name;
    }

    /** Whether the script's text is UTF-8 as it declares it (utf8mb4 or utf8mb3), read as the server reads it. */
    public boolean utf8() {
        return name.equals("utf8mb4") || name.equals("utf8mb3");
    }

    /** Whether statements read byte by byte in this charset rather than as UTF-8. */
    boolean singleByte() {
        return table != null;
    }

    /** False for a charset this import reads as UTF-8 though the script declares another. */
    boolean decodable() {
        return decodable;
    }

    /** The text of bytes in this single-byte charset. */
    String decode(byte[] bytes, int from, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = table[bytes[from + i] & 0xFF];
        }
        return new String(chars);
    }

    /** Whether some byte is not ASCII: ASCII reads the same in every charset read here. */
    static boolean hasHighByte(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether bytes that are not ASCII are all well-formed multi-byte UTF-8 (and there are some): text written in
     * UTF-8 though declared in a single-byte charset, which the client stores double-encoded ("Ã©" for "é").
     */
    static boolean multiByteUtf8(byte[] bytes, int from, int length) {
        boolean multiByte = false;
        int end = from + length;
        int i = from;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int sequence = Utf8.sequenceLength(bytes, i, end);
            if (sequence == 0) {
                return false;
            }
            multiByte = true;
            i += sequence;
        }
        return multiByte;
    }

    /** The same charset: its name says all of it (see {@link #named}). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClientCharset charset && charset.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
