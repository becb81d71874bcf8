package fr.esup.podmigrate.demo;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.DemoModeCondition;
import fr.esup.podmigrate.pod.PodSchemas;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.pod.V2DataGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Demo mode, when no database is configured: a blank Pod v3 target and a generated Pod v2 source
 * built from the project's Pod fixtures, so that a newcomer can click through the console.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoModeCondition.class)
class DemoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);
    static final PodVersion TARGET_VERSION = PodVersion.V3_8_4;
    static final PodVersion SOURCE_VERSION = PodVersion.V2_9_1;
    private static final int SAMPLE_SCALE = 40;
    private static final long SAMPLE_SEED = 2_9_1L;

    @Bean(destroyMethod = "close")
    DemoServer demoServer() {
        return DemoServer.start();
    }

    @Bean
    Databases demoDatabases(DemoServer server) throws SQLException {
        String target = server.databaseName("v3");
        String source = server.databaseName("v2");
        server.recreate(target);
        server.recreate(source);
        try (Connection c = server.connect(target)) {
            PodSchemas.loadBlank(TARGET_VERSION, c);
        }
        long rows;
        try (Connection c = server.connect(source)) {
            rows = V2DataGenerator.generate(c, SOURCE_VERSION, SAMPLE_SCALE, SAMPLE_SEED).total();
        }
        log.info("Demo mode (no podmigrate.target.url set): target {} is a blank Pod {}, source {} a sample Pod {} of {} rows,"
                        + " on {} (user root, no password)", target, TARGET_VERSION.label(), source, SOURCE_VERSION.label(),
                rows, server.description());
        return new Databases(new DatabaseEndpoint(server.jdbcUrl(target), "root", "", "podmigrate.target.url"),
                Optional.of(new DatabaseEndpoint(server.jdbcUrl(source), "root", "", "podmigrate.source.url")), true);
    }
}
