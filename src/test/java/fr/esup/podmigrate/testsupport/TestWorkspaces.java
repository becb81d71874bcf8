package fr.esup.podmigrate.testsupport;

import fr.esup.podmigrate.config.PodMigrateProperties;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.run.RunStore;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A workspace in a test's own folder. */
public final class TestWorkspaces {

    private TestWorkspaces() {
    }

    public static Workspace in(Path dir) {
        return new Workspace(properties(dir));
    }

    /**
     * A fresh folder under {@code target/test-workspaces} for the workspace of a Spring context: a {@code @TempDir}
     * comes too late for its settings.
     */
    public static Path newFolder(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-workspaces")), prefix)
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The audit log of the workspace in {@code dir}, line by line, as the run's store wrote it. */
    public static List<String> auditLines(Path dir) {
        return auditLines(in(dir));
    }

    public static List<String> auditLines(Workspace workspace) {
        try {
            return Files.readAllLines(RunStore.auditLog(workspace));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PodMigrateProperties properties(Path dir) {
        return new PodMigrateProperties(new PodMigrateProperties.Database("jdbc:mariadb://127.0.0.1/pod", null, null),
                new PodMigrateProperties.Database(null, null, null), dir,
                new PodMigrateProperties.Operator("operator", null), new PodMigrateProperties.Upload(DataSize.ofGigabytes(1)),
                new PodMigrateProperties.Login(5, Duration.ofMinutes(15), Duration.ofSeconds(1)),
                new PodMigrateProperties.Database(null, null, null));
    }
}
