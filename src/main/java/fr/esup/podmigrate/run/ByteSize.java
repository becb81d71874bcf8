package fr.esup.podmigrate.run;

/**
 * A number of bytes as a page shows it: in the largest unit of 1024 (KB, MB, GB, TB, as the settings write
 * sizes) that keeps the value at 1 or more. The message {@code dump.size.<unit>} formats the value:
 * files, backups and jobs' progress alike.
 */
public record ByteSize(long bytes) {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    public String unit() {
        return UNITS[exponent()];
    }

    public double value() {
        return bytes / Math.pow(1024, exponent());
    }

    private int exponent() {
        int exponent = 0;
        for (long rest = bytes; rest >= 1024 && exponent < UNITS.length - 1; rest /= 1024) {
            exponent++;
        }
        return exponent;
    }
}
