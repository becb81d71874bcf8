package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.sql.script.ScriptCompression;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptFilesTest {

    @TempDir
    Path dir;

    private Workspace workspace;
    private ScriptFiles files;

    @BeforeEach
    void setUp() {
        workspace = TestWorkspaces.in(dir);
        files = new ScriptFiles(workspace);
    }

    @Test
    void anUploadGetsAGeneratedNameInsideTheWorkspace() throws Exception {
        ScriptFile stored = files.storeUpload("../../etc/cron.d/evil.sql", target -> Files.writeString(target, "SELECT 1;"));
        assertThat(stored.path().getParent()).isEqualTo(workspace.uploads());
        assertThat(stored.path().getFileName().toString()).matches("podv2-\\d{8}-\\d{6}-[0-9a-f]{8}\\.sql");
        assertThat(stored.name()).isEqualTo("evil.sql");
        assertThat(stored.id()).startsWith("uploads/");
        assertThat(Files.readString(stored.path())).isEqualTo("SELECT 1;");
        assertThat(stored.size()).isEqualTo(9);
        assertThat(Files.list(workspace.uploads())).noneMatch(p -> p.toString().endsWith(".partial"));
    }

    @Test
    void whatIsNoSqlScriptIsRefusedWithTheReasonAndLeavesNothing() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
        assertThatThrownBy(() -> files.storeUpload("photo.png", target -> Files.write(target, png)))
                .isInstanceOf(UploadRefusedException.class);
        assertThatThrownBy(() -> files.storeUpload("notes.txt", target -> Files.writeString(target, "Hello,\nsee you on Monday.\n")))
                .isInstanceOfSatisfying(UploadRefusedException.class, e -> assertThat(e.reason()).isEqualTo("NOT_SQL"));
        ByteArrayOutputStream gzippedText = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(gzippedText)) {
            gz.write("just some words\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> files.storeUpload("podv2.sql.gz", target -> Files.write(target, gzippedText.toByteArray())))
                .isInstanceOfSatisfying(UploadRefusedException.class, e -> assertThat(e.reason()).isEqualTo("NOT_SQL"));
        assertThatThrownBy(() -> files.storeUpload("empty.sql", target -> Files.writeString(target, "-- nothing here\n")))
                .isInstanceOfSatisfying(UploadRefusedException.class, e -> assertThat(e.reason()).isEqualTo("NO_STATEMENT"));
        assertThat(files.all()).isEmpty();
        assertThat(workspace.uploads().toFile().list()).isEmpty();
    }

    @Test
    void anUploadIsListedNotChosenAndCanBeDeleted() throws Exception {
        ScriptFile kept = files.storeUpload("a.sql", target -> Files.writeString(target, "SET NAMES utf8mb4;\nSELECT 1;"));
        ScriptFile deleted = files.storeUpload("b.sql", target -> Files.writeString(target, "SELECT 2;"));
        assertThat(files.selected()).isEmpty();
        files.select(deleted);
        files.delete(deleted);
        assertThat(files.all()).containsExactly(kept);
        assertThat(files.selected()).isEmpty();
        assertThat(workspace.uploads().toFile().list()).hasSize(2);
        Path copied = Files.writeString(workspace.importFolder().resolve("podv2.sql"), "SELECT 1;");
        assertThatThrownBy(() -> files.delete(files.find("import/podv2.sql").orElseThrow()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(copied).exists();
    }

    @Test
    void aBrokenUploadLeavesNothing() {
        assertThatThrownBy(() -> files.storeUpload("podv2.sql", target -> {
            Files.writeString(target, "INSERT INTO");
            throw new IOException("Connection reset by peer");
        })).hasMessage("Connection reset by peer");
        assertThat(files.all()).isEmpty();
        assertThat(workspace.uploads().toFile().list()).isEmpty();
    }

    @Test
    void aDownloadIsNamedWithSafeCharactersOnly() throws Exception {
        ScriptFile stored = files.storeUpload("C:\\Users\\me\\pod v2 \"copie\";.sql", target -> Files.writeString(target, "SELECT 1;"));
        assertThat(stored.name()).isEqualTo("pod v2 \"copie\";.sql");
        assertThat(stored.downloadName()).isEqualTo("pod_v2__copie__.sql");
    }

    @Test
    void aGzipUploadIsRecognisedByItsContent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("SELECT 1;".getBytes(StandardCharsets.UTF_8));
        }
        ScriptFile stored = files.storeUpload("podv2.sql", target -> Files.write(target, bytes.toByteArray()));
        assertThat(stored.path().toString()).endsWith(".sql.gz");
        assertThat(stored.compression()).isEqualTo(ScriptCompression.GZIP);
        assertThat(stored.downloadName()).isEqualTo("podv2.sql.gz");
    }

    @Test
    void aZipUploadIsRecognisedByItsContentAndKeepsItsNameForDownload() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("pod.sql"));
            zip.write("SELECT 1;".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        ScriptFile stored = files.storeUpload("pod.sql.zip", target -> Files.write(target, bytes.toByteArray()));
        assertThat(stored.path().toString()).endsWith(".sql.zip");
        assertThat(stored.compression()).isEqualTo(ScriptCompression.ZIP);
        assertThat(stored.name()).isEqualTo("pod.sql.zip");
        assertThat(stored.downloadName()).isEqualTo("pod.sql.zip");
        assertThat(files.all()).extracting(ScriptFile::id).containsExactly(stored.id());
    }

    @Test
    void theImportFolderListsRegularFilesOnly() throws Exception {
        Files.writeString(workspace.importFolder().resolve("podv2.sql"), "SELECT 1;");
        Files.createSymbolicLink(workspace.importFolder().resolve("passwd.sql"), Path.of("/etc/passwd"));
        Files.createDirectory(workspace.importFolder().resolve("sub"));
        assertThat(files.importFolder()).extracting(ScriptFile::id).containsExactly("import/podv2.sql");
    }

    @Test
    void onlyAScriptOfTheWorkspaceCanBeFoundAndSelected() throws Exception {
        Files.writeString(workspace.importFolder().resolve("podv2.sql"), "SELECT 1;");
        assertThat(files.find("../runs/current.properties")).isEmpty();
        assertThat(files.find("/etc/passwd")).isEmpty();
        ScriptFile script = files.find("import/podv2.sql").orElseThrow();
        files.select(script);
        assertThat(new ScriptFiles(workspace).selected()).contains(script);
    }
}
