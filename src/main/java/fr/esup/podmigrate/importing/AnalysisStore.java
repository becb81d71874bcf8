package fr.esup.podmigrate.importing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.dump.ScriptFile;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The analyses of the podv2.sql files, kept in the workspace ({@code runs/analyses/}, one JSON file per file analysed,
 * named after its id, size and modification time): the import carries out the plan the operator read, after a
 * restart of the console too. An analysis that cannot be read back (written by another version) is analysed again.
 */
public class AnalysisStore {

    private static final Logger log = LoggerFactory.getLogger(AnalysisStore.class);

    /**
     * A script's format error is kept as the blocking problem it made ({@link PodImportAnalysis#problems()}); the
     * exception itself, which has no public constructor, is not written.
     */
    @JsonIgnoreProperties("formatError")
    private abstract static class WithoutFormatError {
    }

    private final Path folder;
    private final JsonMapper json = JsonMapper.builder().addMixIn(ScriptAnalysis.class, WithoutFormatError.class).build();

    public AnalysisStore(Workspace workspace) {
        this.folder = workspace.runs().resolve("analyses");
    }

    /** The analysis of this very file (same id, size and modification time), if one was kept. */
    public Optional<PodImportAnalysis> find(ScriptFile script) {
        Path file = file(script);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), PodImportAnalysis.class));
        } catch (JacksonException e) {
            log.warn("The analysis {} cannot be read ({}): {} is to analyse again", file, e.getOriginalMessage(), script.id());
            return Optional.empty();
        }
    }

    void save(ScriptFile script, PodImportAnalysis analysis) {
        Path file = file(script);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(folder);
            json.writeValue(temp.toFile(), analysis);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the analysis " + file, e);
        }
    }

    private Path file(ScriptFile script) {
        String key = script.id() + "|" + script.size() + "|" + script.modified().toEpochMilli();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
