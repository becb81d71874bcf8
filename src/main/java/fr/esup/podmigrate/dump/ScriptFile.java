package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.run.ByteSize;
import fr.esup.podmigrate.sql.script.ScriptCompression;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A podv2.sql in the workspace.
 *
 * @param id   its path relative to the workspace ({@code uploads/...}, {@code import/...}, {@code exports/...}):
 *             the only way pages name it
 * @param name the name the operator knows it by (the uploaded file's name, or the file's own)
 * @param compression how its content is compressed, whatever its name says
 */
public record ScriptFile(String id, String name, Path path, long size, Instant modified, Origin origin,
                         ScriptCompression compression) {

    public enum Origin {
        GENERATED, UPLOADED, IMPORT_FOLDER;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The media type a download is sent as, from its content's compression. */
    public String mediaType() {
        return switch (compression) {
            case GZIP -> "application/gzip";
            case ZIP -> "application/zip";
            case BZIP2 -> "application/x-bzip2";
            case XZ -> "application/x-xz";
            case ZSTD -> "application/zstd";
            case NONE -> "application/sql";
        };
    }

    public ByteSize shownSize() {
        return new ByteSize(size);
    }

    /**
     * The name a download is saved under: the shown name reduced to characters every file system and header
     * accepts, ending in .gz or .zip when the content is compressed so.
     */
    public String downloadName() {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^[._-]+", "");
        if (safe.isEmpty()) {
            safe = path.getFileName().toString();
        }
        return safe.endsWith(compression.fileSuffix()) ? safe : safe + compression.fileSuffix();
    }
}
