package fr.esup.podmigrate.testsupport;

import fr.esup.podmigrate.config.PodMigrateProperties;
import fr.esup.podmigrate.config.SecurityConfiguration;
import fr.esup.podmigrate.config.WebConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** What a {@code @WebMvcTest} slice of a step's page needs: the real security, locale and settings. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(PodMigrateProperties.class)
@Import({SecurityConfiguration.class, WebConfiguration.class})
public class WebSliceConfiguration {
}
