package fr.esup.podmigrate.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A verb's arguments: positional words, {@code --flag}, {@code --option value} or {@code --option=value},
 * and settings given as {@code --podmigrate.x=y}.
 */
final class CliArguments {

    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final Map<String, Object> settings = new HashMap<>();

    CliArguments(String[] args, Set<String> valueOptions) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (name.startsWith("podmigrate.")) {
                if (eq < 0) {
                    throw new UsageException("Setting " + arg + " needs a value: --" + name + "=...");
                }
                settings.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (eq >= 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (valueOptions.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new UsageException("Option " + arg + " needs a value");
                }
                options.put(name, args[++i]);
            } else {
                flags.add(name);
            }
        }
    }

    List<String> positional() {
        return positional;
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    int intOption(String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, not '" + value + "'");
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Map<String, Object> settings() {
        return settings;
    }

    /** Refuses options and flags the verb does not know, so that a typo never passes silently. */
    void allowOnly(Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new UsageException("Unknown option --" + name);
            }
        }
        for (String name : flags) {
            if (!known.contains(name)) {
                throw new UsageException("Unknown option --" + name);
            }
        }
    }
}
