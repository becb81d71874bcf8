package fr.esup.podmigrate.sql.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What tells a script file from another of the same size: the hash of its first 64 KiB, compressed or not. */
public final class ScriptHead {

    private static final int BYTES = 64 * 1024;

    private ScriptHead() {
    }

    public static String hash(Path script) throws IOException {
        try (InputStream in = Files.newInputStream(script)) {
            byte[] head = in.readNBytes(BYTES);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(head));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
