package fr.esup.podmigrate.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one directory that holds the console's own state: runs, backups, uploads, the import folder
 * (where an operator copies a podv2.sql with scp) and exports. Never the v3 database: the wipe would erase it.
 */
@Component
public class Workspace {

    private static final Logger log = LoggerFactory.getLogger(Workspace.class);

    private final Path root;

    public Workspace(PodMigrateProperties properties) {
        this.root = properties.workspace().toAbsolutePath().normalize();
        for (Path folder : new Path[] {runs(), backups(), uploads(), importFolder(), exports()}) {
            try {
                Files.createDirectories(folder);
            } catch (IOException | SecurityException e) {
                throw new InvalidSettingException("podmigrate.workspace",
                        "'" + root + "' cannot be created: " + e.getMessage());
            }
            if (!Files.isWritable(folder)) {
                throw new InvalidSettingException("podmigrate.workspace", "'" + folder + "' is not writable");
            }
        }
        log.info("Workspace: {}", root);
    }

    public Path root() {
        return root;
    }

    public Path runs() {
        return root.resolve("runs");
    }

    public Path backups() {
        return backups(root);
    }

    /** The backups folder of the workspace at {@code root}, for the command line, which reads it without owning it. */
    public static Path backups(Path root) {
        return root.toAbsolutePath().normalize().resolve("backups");
    }

    public Path uploads() {
        return root.resolve("uploads");
    }

    public Path importFolder() {
        return root.resolve("import");
    }

    public Path exports() {
        return root.resolve("exports");
    }
}
