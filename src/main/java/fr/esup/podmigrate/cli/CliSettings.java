package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.config.DatabaseEndpoint;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's database settings for a verb, under the console's names: {@code --podmigrate.target.url=...} flags
 * first, then system properties, then environment variables ({@code PODMIGRATE_TARGET_URL}...). Looked up directly
 * rather than through Spring's binder, which a short command would pay for at every start.
 */
final class CliSettings {

    private final Map<String, Object> flags;

    CliSettings(Map<String, Object> flags) {
        this.flags = flags;
    }

    Optional<DatabaseEndpoint> target() {
        return endpoint("podmigrate.target");
    }

    Optional<DatabaseEndpoint> source() {
        return endpoint("podmigrate.source");
    }

    /** The server a rehearsal creates its scratch database on, when not the target's: {@code podmigrate.rehearsal.*}. */
    Optional<DatabaseEndpoint> rehearsal() {
        return endpoint("podmigrate.rehearsal");
    }

    /** The console's workspace, {@code podmigrate.workspace}, by default {@code workspace} in the current folder. */
    Path workspace() {
        return Path.of(setting("podmigrate.workspace").filter(path -> !path.isBlank()).orElse("workspace"));
    }

    DatabaseEndpoint requireTarget(String verb) {
        return target().orElseThrow(() -> new UsageException(verb + " needs the target database:"
                + " --podmigrate.target.url=jdbc:mariadb://host:3306/pod (or PODMIGRATE_TARGET_URL),"
                + " with .username and .password"));
    }

    DatabaseEndpoint requireSource(String verb) {
        return source().orElseThrow(() -> new UsageException(verb + " needs the source database:"
                + " --podmigrate.source.url=jdbc:mariadb://host:3306/pod (or PODMIGRATE_SOURCE_URL),"
                + " with .username and .password"));
    }

    private Optional<DatabaseEndpoint> endpoint(String prefix) {
        return setting(prefix + ".url").filter(url -> !url.isBlank())
                .map(url -> new DatabaseEndpoint(url, setting(prefix + ".username").orElse(null),
                        setting(prefix + ".password").orElse(null), prefix + ".url"));
    }

    private Optional<String> setting(String name) {
        Object flag = flags.get(name);
        if (flag != null) {
            return Optional.of(flag.toString());
        }
        String property = System.getProperty(name);
        if (property != null) {
            return Optional.of(property);
        }
        return Optional.ofNullable(System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "")));
    }
}
