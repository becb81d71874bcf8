package fr.esup.podmigrate.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTestsTest {

    @Test
    void theTestServerRefusesATestClassBeforeStartingAnythingAndNamesWhatItShouldBeCalled() {
        assertThatThrownBy(TestServer::get)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused to DatabaseTestsTest")
                .hasMessageContaining("name it DatabaseTestsIT");
    }

    @Test
    void aNestedClassIsJudgedByItsTopLevelClass() {
        assertThatThrownBy(() -> DatabaseTests.requireIntegrationTest(Inner.class, "A database"))
                .hasMessageContaining("refused to DatabaseTestsTest");
        assertThatCode(() -> DatabaseTests.requireIntegrationTest(TestServerIT.class, "A database"))
                .doesNotThrowAnyException();
    }

    private static final class Inner {
    }
}
