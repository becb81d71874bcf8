package fr.esup.podmigrate.demo;

import fr.esup.podmigrate.testsupport.DatabaseTests;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.List;

/**
 * Refuses a test context that would start the demo's database (no target configured) to a {@code *Test}
 * class: Spring starts the context outside the test class's frames, so {@link DatabaseTests} is told its name.
 */
class DemoServerGuard implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer(testClass);
    }

    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.addBeanFactoryPostProcessor(beanFactory -> {
                if (beanFactory.getBeanNamesForType(DemoServer.class, true, false).length > 0) {
                    DatabaseTests.requireIntegrationTest(testClass, "The demo's embedded MariaDB");
                }
            });
        }

        // One context serves the test classes that configure it alike, whichever of them starts it.
        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
