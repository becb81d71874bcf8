package fr.esup.podmigrate.importing;

import java.util.List;

/**
 * Something the analysis found: a blocking problem stops the import before anything runs; a warning is shown.
 *
 * @param code message key suffix ({@code problem.<code>} in the message bundles), with its arguments
 * @param line the script line it concerns, or 0
 */
public record PlanProblem(Severity severity, String code, List<String> args, long line) {

    public enum Severity { BLOCKING, WARNING }

    public static PlanProblem blocking(String code, long line, Object... args) {
        return new PlanProblem(Severity.BLOCKING, code, strings(args), line);
    }

    public static PlanProblem warning(String code, Object... args) {
        return new PlanProblem(Severity.WARNING, code, strings(args), 0);
    }

    public boolean blocking() {
        return severity == Severity.BLOCKING;
    }

    public String messageKey() {
        return "problem." + code;
    }

    private static List<String> strings(Object... args) {
        return java.util.Arrays.stream(args).map(String::valueOf).toList();
    }
}
