package fr.esup.podmigrate.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, growing byte buffer that encodes values as MariaDB SQL literals, straight from the
 * utf8mb4 bytes the server sent: no decoding, no intermediate strings.
 */
public final class SqlBytes {

    private static final byte[] HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "NULL".getBytes(StandardCharsets.US_ASCII);
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};
    /** For each byte, the letter that follows its backslash, or 0 when it is written as is. */
    private static final byte[] ESCAPES = new byte[256];

    static {
        ESCAPES[0] = '0';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES[0x1a] = 'Z';
        ESCAPES['\''] = '\'';
        ESCAPES['\\'] = '\\';
    }

    private final int initialCapacity;
    private byte[] bytes;
    private int length;

    public SqlBytes(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.bytes = new byte[initialCapacity];
    }

    public int length() {
        return length;
    }

    /** The memory the buffer holds. */
    public int capacity() {
        return bytes.length;
    }

    /** Empties the buffer; one huge row does not keep its huge buffer for the rest of the dump. */
    public void clear() {
        length = 0;
        if (bytes.length > 16 * initialCapacity) {
            bytes = new byte[initialCapacity];
        }
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /**
     * Hands the array over, its first {@link #length()} bytes filled, and goes on empty with {@code spare}, an array
     * of at least the initial capacity, or a new one when null.
     */
    public byte[] detach(byte[] spare) {
        byte[] filled = bytes;
        bytes = spare != null ? spare : new byte[initialCapacity];
        length = 0;
        return filled;
    }

    public SqlBytes append(char asciiChar) {
        ensureRoom(1);
        bytes[length++] = (byte) asciiChar;
        return this;
    }

    /** Appends text known to be ASCII: numbers as the server writes them. */
    public SqlBytes appendAscii(String ascii) {
        int n = ascii.length();
        ensureRoom(n);
        byte[] b = bytes;
        int p = length;
        for (int i = 0; i < n; i++) {
            b[p++] = (byte) ascii.charAt(i);
        }
        length = p;
        return this;
    }

    /**
     * Appends the decimal digits of {@code value}, as the server writes an integer. Most integers of a dump fit in an
     * int, written here with int divisions, one instruction each; a long's division is a call into the JVM when the
     * dump runs on the quick compiler alone, and the rare integer beyond an int goes through {@link Long#toString}.
     */
    public SqlBytes appendLong(long value) {
        return value == (int) value ? appendInt((int) value) : appendAscii(Long.toString(value));
    }

    /**
     * Divides by ten as a multiplication and a shift, exact below 2<sup>32</sup>: the dump runs on the quick compiler
     * alone, which leaves a division by a constant a division (the integers of bench/run's dump took 70 of its 1,244
     * one-millisecond CPU samples with divisions, 28 without).
     */
    private SqlBytes appendInt(int value) {
        ensureRoom(11);
        byte[] b = bytes;
        int p = length;
        long magnitude = value;
        if (value < 0) {
            b[p++] = '-';
            magnitude = -magnitude;
        }
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && magnitude >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        int end = p + digits;
        for (int at = end - 1; at > p; at--) {
            long tenth = (magnitude * 0xCCCCCCCDL) >>> 35;
            b[at] = (byte) ('0' + magnitude - 10 * tenth);
            magnitude = tenth;
        }
        b[p] = (byte) ('0' + magnitude);
        length = end;
        return this;
    }

    public SqlBytes appendBytes(byte[] raw) {
        ensureRoom(raw.length);
        System.arraycopy(raw, 0, bytes, length, raw.length);
        length += raw.length;
        return this;
    }

    public SqlBytes appendNull() {
        return appendBytes(NULL);
    }

    /** Appends a string literal that has nothing to escape: a date or time as the server writes it. */
    public SqlBytes appendQuoted(byte[] value) {
        ensureRoom(value.length + 2);
        bytes[length++] = '\'';
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        bytes[length++] = '\'';
        return this;
    }

    /** Replaces the {@code count} bytes at {@code at} by {@code replacement}, moving what follows them. */
    public void replace(int at, int count, byte[] replacement) {
        ensureRoom(replacement.length - count);
        System.arraycopy(bytes, at + count, bytes, at + replacement.length, length - at - count);
        System.arraycopy(replacement, 0, bytes, at, replacement.length);
        length += replacement.length - count;
    }

    /**
     * Appends a string literal, escaped as {@code mariadb-dump} escapes it. Working on the UTF-8 bytes is
     * safe: no byte of a multi-byte UTF-8 sequence is below 0x80.
     */
    public SqlBytes appendQuotedEscaped(byte[] value) {
        append('\'');
        appendEscaped(value, 0, value.length);
        return append('\'');
    }

    /**
     * Appends a string literal of the bytes {@code value} gives, escaped as {@link #appendQuotedEscaped(byte[])} escapes
     * them. A driver's stream over a row's value hands its bytes over where they lie ({@link InputStream#transferTo}),
     * escaped from there: not copied into an array of their own first, which a dump did for every value.
     */
    public SqlBytes appendQuotedEscaped(InputStream value) throws IOException {
        append('\'');
        value.transferTo(escaping);
        return append('\'');
    }

    /** The bytes written to it appended escaped. */
    private final OutputStream escaping = new OutputStream() {
        @Override
        public void write(int b) {
            appendEscaped(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            appendEscaped(bytes, offset, offset + length);
        }
    };

    private void appendEscaped(byte[] value, int from, int to) {
        ensureRoom(2 * (to - from));
        byte[] b = bytes;
        int p = length;
        int plainFrom = from;
        int i = from;
        while (i < to) {
            if (i + Long.BYTES <= to) {
                long found = mayNeedEscape(ByteWords.at(value, i));
                if (found == 0) {
                    i += Long.BYTES;
                    continue;
                }
                i += ByteWords.firstFound(found);
            }
            byte escape = ESCAPES[value[i] & 0xff];
            if (escape != 0) {
                System.arraycopy(value, plainFrom, b, p, i - plainFrom);
                p += i - plainFrom;
                b[p++] = '\\';
                b[p++] = escape;
                plainFrom = i + 1;
            }
            i++;
        }
        System.arraycopy(value, plainFrom, b, p, to - plainFrom);
        length = p + to - plainFrom;
    }

    /** The bytes of {@code word} that {@link #ESCAPES} may escape: control bytes, quotes and backslashes. */
    private static long mayNeedEscape(long word) {
        return ByteWords.below(word, 0x20) | ByteWords.equalTo(word, '\'') | ByteWords.equalTo(word, '\\');
    }

    /** Appends a binary value as a hexadecimal literal, or {@code ''} when empty ({@code 0x} alone is not SQL). */
    public SqlBytes appendHex(byte[] value) {
        if (value.length == 0) {
            return append('\'').append('\'');
        }
        ensureRoom(2 * value.length + 2);
        byte[] b = bytes;
        int p = length;
        b[p++] = '0';
        b[p++] = 'x';
        for (byte c : value) {
            b[p++] = HEX_DIGITS[(c >> 4) & 0xf];
            b[p++] = HEX_DIGITS[c & 0xf];
        }
        length = p;
        return this;
    }

    /** Appends a BIT value as a {@code b'0101'} literal, as {@code mariadb-dump} writes it. */
    public SqlBytes appendBits(byte[] value) {
        ensureRoom(8 * value.length + 3);
        byte[] b = bytes;
        int p = length;
        b[p++] = 'b';
        b[p++] = '\'';
        for (byte c : value) {
            for (int bit = 7; bit >= 0; bit--) {
                b[p++] = (byte) ('0' + ((c >> bit) & 1));
            }
        }
        b[p++] = '\'';
        length = p;
        return this;
    }

    private void ensureRoom(int extra) {
        int needed = length + extra;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, 2 * bytes.length));
        }
    }
}
