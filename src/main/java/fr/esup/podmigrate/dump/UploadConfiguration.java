package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.config.PodMigrateProperties;
import fr.esup.podmigrate.config.Workspace;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Uploads stream straight to disk ({@code uploads/.incoming} of the workspace, no memory threshold), up to
 * {@code podmigrate.upload.max-size}. Being on the same file system as {@code uploads/}, storing an upload is
 * a rename, not a second copy of gigabytes.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

    @Bean
    MultipartConfigElement multipartConfigElement(Workspace workspace, PodMigrateProperties properties) {
        Path incoming = workspace.uploads().resolve(".incoming");
        try {
            Files.createDirectories(incoming);
            // What is left there was being uploaded when the console stopped: it can never complete.
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(incoming)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the upload folder " + incoming, e);
        }
        return new MultipartConfigElement(incoming.toString(), properties.upload().maxSize().toBytes(), -1, 0);
    }
}
