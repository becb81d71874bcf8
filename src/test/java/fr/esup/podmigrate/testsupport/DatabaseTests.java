package fr.esup.podmigrate.testsupport;

import java.util.Optional;

/**
 * The rule of the test names: a {@code *Test} needs no database and runs in the fast run
 * ({@code ./mvnw test}, surefire); a {@code *IT} may start or use one and runs in {@code ./mvnw verify} (failsafe).
 */
public final class DatabaseTests {

    private static final String PROJECT_PACKAGE = "fr.esup.podmigrate.";

    private DatabaseTests() {
    }

    /** Refuses when the test class that is running (found on the stack) is a {@code *Test}, or when none is. */
    static void requireIntegrationTest(String what) {
        Optional<Class<?>> testClass = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.<Class<?>>map(StackWalker.StackFrame::getDeclaringClass)
                        .map(DatabaseTests::topLevel)
                        .filter(type -> type.getName().startsWith(PROJECT_PACKAGE))
                        .filter(type -> type.getSimpleName().endsWith("Test") || type.getSimpleName().endsWith("IT"))
                        .findFirst());
        if (testClass.isEmpty()) {
            throw new IllegalStateException(what + " is for the *IT test classes; no test class calls it here");
        }
        requireIntegrationTest(testClass.get(), what);
    }

    /** Refuses {@code what} to a {@code *Test} class, or to a class nested in one. */
    public static void requireIntegrationTest(Class<?> testClass, String what) {
        String name = topLevel(testClass).getSimpleName();
        if (!name.endsWith("IT")) {
            throw new IllegalStateException(what + " is refused to " + name + ": a *Test runs in the fast run"
                    + " (./mvnw test), without a database; name it " + name.replaceFirst("Test$", "") + "IT"
                    + " so that it runs with the integration tests (./mvnw verify)");
        }
    }

    private static Class<?> topLevel(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return top;
    }
}
