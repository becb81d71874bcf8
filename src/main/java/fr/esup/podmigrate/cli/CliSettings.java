package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.PodMigrateProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;
import java.util.Optional;

/**
 * The console's database settings for a verb: {@code --podmigrate.target.url=...} flags first, then system
 * properties and environment variables ({@code PODMIGRATE_TARGET_URL}...), bound as the console binds them.
 */
final class CliSettings {

    private final Binder binder;

    CliSettings(Map<String, Object> flags) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("command line", flags));
        this.binder = Binder.get(environment);
    }

    Optional<DatabaseEndpoint> target() {
        return endpoint("podmigrate.target");
    }

    Optional<DatabaseEndpoint> source() {
        return endpoint("podmigrate.source");
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
        return Optional.ofNullable(binder.bind(prefix, Bindable.of(PodMigrateProperties.Database.class)).orElse(null))
                .filter(PodMigrateProperties.Database::configured)
                .map(d -> new DatabaseEndpoint(d.url(), d.username(), d.password(), prefix + ".url"));
    }
}
