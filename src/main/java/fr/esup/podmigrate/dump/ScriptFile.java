package fr.esup.podmigrate.dump;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A podv2.sql in the workspace.
 *
 * @param id   its path relative to the workspace ({@code uploads/...}, {@code import/...}, {@code exports/...}):
 *             the only way pages name it
 * @param name the name the operator knows it by (the uploaded file's name, or the file's own)
 */
public record ScriptFile(String id, String name, Path path, long size, Instant modified, Origin origin) {

    public enum Origin {
        GENERATED, UPLOADED, IMPORT_FOLDER;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
