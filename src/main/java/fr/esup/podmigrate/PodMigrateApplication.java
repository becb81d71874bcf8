package fr.esup.podmigrate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PodMigrateApplication {
    public static void main(String[] args) {
        SpringApplication.run(PodMigrateApplication.class, args);
    }
}
