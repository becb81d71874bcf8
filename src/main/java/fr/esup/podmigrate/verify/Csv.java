package fr.esup.podmigrate.verify;

import java.util.List;
import java.util.stream.Collectors;

/** CSV as RFC 4180 writes it: CRLF line ends, a field quoted when it holds a comma, a quote or a line break. */
final class Csv {

    private final StringBuilder text = new StringBuilder();

    Csv row(List<String> fields) {
        text.append(fields.stream().map(Csv::field).collect(Collectors.joining(","))).append("\r\n");
        return this;
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        return value.matches("(?s).*[,\"\r\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
