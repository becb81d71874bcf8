package fr.esup.podmigrate;

import fr.esup.podmigrate.cli.PodMigrateCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PodMigrateApplication {
    public static void main(String[] args) {
        if (PodMigrateCli.handles(args)) {
            System.exit(PodMigrateCli.run(args));
        }
        SpringApplication.run(PodMigrateApplication.class, args);
    }
}
