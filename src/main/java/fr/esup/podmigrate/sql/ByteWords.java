package fr.esup.podmigrate.sql;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of an array tested at once, in a long: where text is mostly plain, a loop that looks at each byte
 * spends most of its time on bytes that need nothing. Each test sets the high bit of the bytes it finds; the lowest
 * byte it sets is always one it looks for (a byte above it may be set wrongly by a borrow), so a caller takes the
 * first one, {@link #firstFound}, and looks at the bytes from there one by one.
 */
public final class ByteWords {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private ByteWords() {
    }

    /** The eight bytes from {@code at}, the first in the lowest byte. */
    public static long at(byte[] bytes, int at) {
        return (long) LONGS.get(bytes, at);
    }

    /** The bytes of {@code word} equal to {@code b}. */
    public static long equalTo(long word, int b) {
        long x = word ^ (ONES * (b & 0xFF));
        return (x - ONES) & ~x & HIGH_BITS;
    }

    /** The bytes of {@code word} below {@code bound} (at most 0x80). */
    public static long below(long word, int bound) {
        return (word - ONES * bound) & ~word & HIGH_BITS;
    }

    /** The bytes of {@code word} that are not ASCII. */
    public static long nonAscii(long word) {
        return word & HIGH_BITS;
    }

    /**
     * The index in its word of the first byte a test found, given that it found one. A multiplication rather than
     * {@link Long#numberOfTrailingZeros}, which the quick compiler calls as a method: the lowest found byte alone, as
     * 256<sup>k</sup>, shifts the multiplier's bytes 7, 6 ... 0 up by k, which leaves k in the top byte.
     */
    public static int firstFound(long found) {
        return (int) ((((found & -found) >>> 7) * 0x0001020304050607L) >>> 56);
    }
}
