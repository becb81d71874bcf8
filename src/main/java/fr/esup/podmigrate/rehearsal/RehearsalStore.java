package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.config.Workspace;
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
import java.util.Optional;

/**
 * The newest console rehearsal's state in the workspace ({@code runs/rehearsal.json}), like the jobs', so that the
 * page shows it after a restart of the console.
 */
final class RehearsalStore {

    private static final Logger log = LoggerFactory.getLogger(RehearsalStore.class);

    private final Path file;
    private final JsonMapper json = JsonMapper.builder().build();

    RehearsalStore(Workspace workspace) {
        this.file = workspace.runs().resolve("rehearsal.json");
    }

    synchronized void save(RehearsalRun.State state) {
        Path written = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(written, json.writeValueAsString(state), StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the rehearsal's state in " + file, e);
        }
    }

    /** The rehearsal saved, when one was and it still reads as one. */
    synchronized Optional<RehearsalRun> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RehearsalRun(json.readValue(file.toFile(), RehearsalRun.State.class), this::save));
        } catch (JacksonException e) {
            log.warn("The rehearsal's state {} cannot be read: {}", file, e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
