package fr.esup.podmigrate.cli;

import java.lang.management.ManagementFactory;

/** Stands in for the packaged jar in {@link LauncherScriptTest}: prints the JVM options and arguments it was given. */
public final class LauncherProbe {

    private LauncherProbe() {
    }

    public static void main(String[] args) {
        System.out.println("jvm=" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.println("args=" + String.join(" ", args));
    }
}
