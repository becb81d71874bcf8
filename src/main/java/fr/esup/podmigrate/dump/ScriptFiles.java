package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.sql.script.ScriptCompression;
import fr.esup.podmigrate.sql.script.ScriptFormatException;
import fr.esup.podmigrate.sql.script.StatementReader;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The podv2.sql files of the workspace: generated ones ({@code exports/}), uploaded ones ({@code uploads/},
 * always under a generated name) and those an operator copied into {@code import/}; and which one the run uses.
 */
@Service
public class ScriptFiles {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Workspace workspace;
    private final Path selection;

    public ScriptFiles(Workspace workspace) {
        this.workspace = workspace;
        this.selection = workspace.runs().resolve("podv2-selection.txt");
    }

    /** A fresh file name for a generated podv2.sql. */
    public Path newExport(boolean gzip) {
        return workspace.exports().resolve("podv2-" + STAMP.format(Instant.now()) + (gzip ? ".sql.gz" : ".sql"));
    }

    /** Writes an upload's content to the file it is given. */
    @FunctionalInterface
    public interface Upload {
        void transferTo(Path file) throws IOException;
    }

    /**
     * Stores an upload under a generated name (its compression recognised by its content), keeping the operator's
     * name beside it for display only; refuses, keeping nothing, a file whose first statement is not SQL.
     */
    public ScriptFile storeUpload(String originalName, Upload upload) throws IOException {
        String stem = "podv2-" + STAMP.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path partial = workspace.uploads().resolve(stem + ".partial");
        try {
            upload.transferTo(partial);
            checkIsScript(partial);
            Path stored = workspace.uploads().resolve(stem + ".sql" + ScriptCompression.of(partial).fileSuffix());
            Files.move(partial, stored, StandardCopyOption.ATOMIC_MOVE);
            String base = originalName == null ? "" : originalName.substring(originalName.replace('\\', '/').lastIndexOf('/') + 1);
            String shown = base.isBlank() ? stored.getFileName().toString() : base;
            Files.writeString(workspace.uploads().resolve(stem + ".name"), shown, StandardCharsets.UTF_8);
            return describe(stored, ScriptFile.Origin.UPLOADED);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void checkIsScript(Path file) throws IOException {
        try (StatementReader reader = StatementReader.open(file)) {
            if (reader.next() == null) {
                throw new UploadRefusedException();
            }
        } catch (ScriptFormatException e) {
            throw new UploadRefusedException(e);
        }
    }

    /** Deletes an uploaded file, and the run's choice of it. */
    public void delete(ScriptFile file) throws IOException {
        if (file.origin() != ScriptFile.Origin.UPLOADED) {
            throw new IllegalArgumentException("Only uploaded files are deleted here: " + file.id());
        }
        if (selected().filter(chosen -> chosen.id().equals(file.id())).isPresent()) {
            Files.delete(selection);
        }
        Files.deleteIfExists(label(file.path()));
        Files.delete(file.path());
    }

    /** The podv2.sql a generation wrote to a file of {@link #newExport(boolean)}. */
    public ScriptFile generated(Path export) {
        return describe(export, ScriptFile.Origin.GENERATED);
    }

    /** Where an operator copies a podv2.sql to pick it here. */
    public Path importFolderLocation() {
        return workspace.importFolder();
    }

    /** The files an operator copied into the import folder. */
    public List<ScriptFile> importFolder() {
        return list(workspace.importFolder(), ScriptFile.Origin.IMPORT_FOLDER);
    }

    /** Every podv2.sql the workspace holds, newest first. */
    public List<ScriptFile> all() {
        List<ScriptFile> files = new ArrayList<>(list(workspace.exports(), ScriptFile.Origin.GENERATED));
        files.addAll(list(workspace.uploads(), ScriptFile.Origin.UPLOADED));
        files.addAll(importFolder());
        files.sort(Comparator.comparing(ScriptFile::modified).reversed());
        return files;
    }

    /** The file a page names by its id, only if it really is a script of the workspace. */
    public Optional<ScriptFile> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return all().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public void select(ScriptFile file) {
        try {
            Files.writeString(selection, file.id(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the chosen podv2.sql in " + selection, e);
        }
    }

    /** The podv2.sql the run uses, if one was chosen and is still there. */
    public Optional<ScriptFile> selected() {
        try {
            return Files.exists(selection) ? find(Files.readString(selection, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + selection, e);
        }
    }

    private List<ScriptFile> list(Path folder, ScriptFile.Origin origin) {
        List<ScriptFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean script = isScriptName(name) || origin == ScriptFile.Origin.IMPORT_FOLDER;
                if (script && SAFE_NAME.matcher(name).matches() && !name.endsWith(".name") && !name.endsWith(".partial")
                        && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && Files.isReadable(entry)) {
                    files.add(describe(entry, origin));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        return files;
    }

    /** A script the console wrote or stored: plain, or compressed as its suffix says. */
    private static boolean isScriptName(String name) {
        return Arrays.stream(ScriptCompression.values()).anyMatch(c -> name.endsWith(".sql" + c.fileSuffix()));
    }

    /** Where an upload keeps the name the operator knows it by. */
    private static Path label(Path upload) {
        return upload.resolveSibling(upload.getFileName().toString().replaceFirst("\\.sql(\\.[a-z0-9]+)?$", "") + ".name");
    }

    private ScriptFile describe(Path file, ScriptFile.Origin origin) {
        try {
            String fileName = file.getFileName().toString();
            String name = fileName;
            if (origin == ScriptFile.Origin.UPLOADED) {
                Path label = label(file);
                if (Files.exists(label)) {
                    name = Files.readString(label, StandardCharsets.UTF_8).strip();
                }
            }
            return new ScriptFile(workspace.root().relativize(file).toString().replace('\\', '/'), name, file,
                    Files.size(file), Files.getLastModifiedTime(file).toInstant(), origin, ScriptCompression.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

}
