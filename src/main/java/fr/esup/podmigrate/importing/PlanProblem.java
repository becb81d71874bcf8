package fr.esup.podmigrate.importing;

import java.util.List;

/**
 * Something the analysis found: a blocking problem stops the import before anything runs; a warning is shown.
 *
 * @param code message key suffix ({@code problem.<code>} in the message bundles), with its arguments: whole
 *             numbers stay numbers (as longs) for the plural forms
 * @param line the script line it concerns, or 0
 */
public record PlanProblem(Severity severity, String code, List<Object> args, long line) {

    public enum Severity { BLOCKING, WARNING }

    public static PlanProblem blocking(String code, long line, Object... args) {
        return new PlanProblem(Severity.BLOCKING, code, arguments(args), line);
    }

    public static PlanProblem warning(String code, Object... args) {
        return new PlanProblem(Severity.WARNING, code, arguments(args), 0);
    }

    public boolean blocking() {
        return severity == Severity.BLOCKING;
    }

    public String messageKey() {
        return "problem." + code;
    }

    private static List<Object> arguments(Object... args) {
        return java.util.Arrays.stream(args).map(arg -> arg instanceof Integer i ? (Object) i.longValue()
                : arg instanceof Long ? arg : String.valueOf(arg)).toList();
    }
}
