package fr.esup.podmigrate.cli;

/**
 * A line of a verb's per-table summary, its columns padded as printf's {@code %-Ns} and {@code %Ns} pad them, one space
 * between two: printf parses its format again for each line, which took an import's summary of a hundred tables 20 ms
 * at the end of its run.
 */
final class TableLine {

    private final StringBuilder line = new StringBuilder(160);

    /** A line that begins with {@code value} padded on its right to {@code width} characters. */
    TableLine(Object value, int width) {
        left(value, width);
    }

    /** Then {@code value} padded on its left to {@code width} characters. */
    TableLine right(Object value, int width) {
        String text = String.valueOf(value);
        line.append(' ');
        pad(width - text.length());
        line.append(text);
        return this;
    }

    /** Then {@code value} padded on its right to {@code width} characters. */
    TableLine then(Object value, int width) {
        line.append(' ');
        return left(value, width);
    }

    /** Then {@code text} as it is. */
    TableLine append(String text) {
        line.append(text);
        return this;
    }

    private TableLine left(Object value, int width) {
        String text = String.valueOf(value);
        line.append(text);
        pad(width - text.length());
        return this;
    }

    private void pad(int spaces) {
        for (int i = 0; i < spaces; i++) {
            line.append(' ');
        }
    }

    @Override
    public String toString() {
        return line.toString();
    }
}
