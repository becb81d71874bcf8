package fr.esup.podmigrate.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

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
        Path backups = Files.createDirectories(root.resolve("backups"));
        Path backup = Files.writeString(backups.resolve("backup.sql.gz"), "rows");
        Path imports = Files.createDirectories(root.resolve("import"));
        for (Path path : new Path[] {root, backups, imports}) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxr-x"));
        }

        Workspace workspace = workspace(root);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.backups())))
                .isEqualTo("rwx------");
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
