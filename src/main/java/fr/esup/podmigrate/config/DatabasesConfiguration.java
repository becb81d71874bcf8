package fr.esup.podmigrate.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

@Configuration(proxyBeanMethods = false)
class DatabasesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabasesConfiguration.class);

    @Bean
    @Conditional(DemoModeCondition.Off.class)
    Databases configuredDatabases(PodMigrateProperties properties) {
        PodMigrateProperties.Database t = properties.target();
        PodMigrateProperties.Database s = properties.source();
        DatabaseEndpoint target = new DatabaseEndpoint(t.url(), t.username(), t.password(), "podmigrate.target.url");
        Optional<DatabaseEndpoint> source = s.configured()
                ? Optional.of(new DatabaseEndpoint(s.url(), s.username(), s.password(), "podmigrate.source.url"))
                : Optional.empty();
        log.info("Target (Pod v3) database: {}", target);
        log.info("Source (Pod v2) database: {}", source.map(DatabaseEndpoint::toString).orElse("none configured"));
        return new Databases(target, source, false);
    }
}
