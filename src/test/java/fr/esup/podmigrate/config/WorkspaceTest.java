package fr.esup.podmigrate.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void foldersThatHoldCopiesOfPodsTablesAreReadableByTheirOwnerAlone() throws Exception {
        Workspace workspace = workspace(dir.resolve("workspace"));

        for (Path folder : new Path[] {workspace.runs(), workspace.backups(), workspace.uploads(), workspace.exports()}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
                    .isEqualTo("rwx------");
        }
        assertThat(workspace.importFolder()).isDirectory();
    }

    @Test
    void anExistingWorkspaceOpenToOthersIsClosedAndItsFilesAndImportFolderKept() throws Exception {
        Path root = dir.resolve("workspace");
        Path imports = Files.createDirectories(root.resolve("import"));
        List<Path> closed = new ArrayList<>();
        for (String name : List.of("runs", "backups", "uploads", "exports")) {
            closed.add(Files.createDirectories(root.resolve(name)));
        }
        Path backup = Files.writeString(root.resolve("backups/backup.sql.gz"), "rows");
        for (Path path : Stream.concat(Stream.of(root, imports), closed.stream()).toList()) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxr-x"));
        }

        workspace(root);

        for (Path folder : closed) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
                    .isEqualTo("rwx------");
        }
        assertThat(backup).hasContent("rows");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(imports))).isEqualTo("rwxrwxr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwxrwxr-x");
    }

    private static Workspace workspace(Path root) {
        PodMigrateProperties.Database none = new PodMigrateProperties.Database(null, null, null);
        return new Workspace(new PodMigrateProperties(none, none, root, new PodMigrateProperties.Operator("operator", null),
                new PodMigrateProperties.Upload(DataSize.ofGigabytes(1)),
                new PodMigrateProperties.Login(1, Duration.ofMinutes(1), Duration.ZERO), none));
    }
}
