package fr.esup.podmigrate.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for the packaged jar in {@link LauncherScriptTest}: prints the JVM options, the class path and the
 * arguments it was given. Started with {@code -Djarmode=tools extract --destination DIR} (when {@code probe.extracts}
 * is in the jar's directory), it copies itself into DIR, as the packaged jar extracts itself.
 */
public final class LauncherProbe {

    private LauncherProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(System.getProperty("java.class.path"));
        if ("tools".equals(System.getProperty("jarmode"))) {
            if (args.length == 3 && args[0].equals("extract") && Files.exists(jar.resolveSibling("probe.extracts"))) {
                Path destination = Files.createDirectories(Path.of(args[2]));
                Files.copy(jar, destination.resolve(jar.getFileName()));
                return;
            }
            System.exit(1);
        }
        System.out.println("jvm=" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.println("classpath=" + jar);
        System.out.println("args=" + String.join(" ", args));
    }
}
