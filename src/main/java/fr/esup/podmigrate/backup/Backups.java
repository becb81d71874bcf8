package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.PropertiesFiles;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The backups of the workspace's {@code backups/} folder: each dump ({@code <database>-<yyyyMMdd-HHmmss>.sql.gz})
 * with its manifest beside it ({@code .properties}: who, when, size, SHA-256, the database's fingerprint, verified
 * or not and how). A dump without its manifest is not a backup.
 */
@Service
public class Backups {

    private static final String DUMP = ".sql.gz";
    private static final String MANIFEST = ".properties";
    private static final String PARTIAL = ".partial";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}-\\d{8}-\\d{6}(-\\d{1,3})?\\.sql\\.gz");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String ROWS = "rows.";
    private static final String CHECKSUM = "checksum.";

    private final Path folder;

    public Backups(Workspace workspace) {
        this.folder = workspace.backups();
        deleteLeftOvers();
    }

    /** The backups of this database, newest first. */
    public List<Backup> of(DatabaseEndpoint endpoint) {
        return all().stream().filter(b -> b.isOf(endpoint)).toList();
    }

    /** The backup of this database a page names, only if it is one of the listing. */
    public Optional<Backup> find(DatabaseEndpoint endpoint, String name) {
        return of(endpoint).stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The newest verified backup of this database: what to restore if a later step goes wrong. */
    public Optional<Backup> newestVerified(DatabaseEndpoint endpoint) {
        return of(endpoint).stream().filter(Backup::verified).findFirst();
    }

    /** Whether a verified backup of this database holds it as {@code current} says it is. */
    public BackupCheck check(DatabaseEndpoint endpoint, DatabaseFingerprint current) {
        return BackupCheck.of(of(endpoint), current);
    }

    /** The target as it is now, judged against its verified backups. */
    public TargetGuard guard(DatabaseEndpoint target) throws SQLException {
        return TargetGuard.read(target, current -> check(target, current));
    }

    /**
     * The same check on the backups of a workspace's folder that another process, the console, owns: read only, none
     * of its files cleaned up (the console may be writing one); a folder that does not exist holds no backup.
     */
    public static BackupCheck check(Path folder, DatabaseEndpoint endpoint, DatabaseFingerprint current) {
        List<Backup> backups = Files.isDirectory(folder) ? list(folder) : List.of();
        return BackupCheck.of(backups.stream().filter(b -> b.isOf(endpoint)).toList(), current);
    }

    /** A fresh dump file for a backup of {@code database} taken at {@code created}. */
    Path newFile(String database, Instant created) {
        String stem = database.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + STAMP.format(created);
        Path file = folder.resolve(stem + DUMP);
        for (int n = 2; Files.exists(file) || Files.exists(manifest(file)); n++) {
            file = folder.resolve(stem + "-" + n + DUMP);
        }
        return file;
    }

    static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + PARTIAL);
    }

    synchronized void save(Backup backup) {
        Properties p = new Properties();
        p.setProperty("database", backup.database());
        p.setProperty("host", backup.host());
        p.setProperty("port", Integer.toString(backup.port()));
        p.setProperty("operator", backup.operator());
        p.setProperty("kind", backup.kind().name());
        p.setProperty("created", backup.created().toString());
        p.setProperty("size", Long.toString(backup.size()));
        p.setProperty("sha256", backup.sha256());
        p.setProperty("tables", Integer.toString(backup.tables()));
        p.setProperty("rows", Long.toString(backup.rows()));
        p.setProperty("verified", backup.verified() ? "yes" : "no");
        backup.verification().writeTo(p, "verification");
        backup.fingerprint().tables().forEach((table, state) -> {
            p.setProperty(ROWS + table, Long.toString(state.rows()));
            p.setProperty(CHECKSUM + table, Long.toString(state.checksum()));
        });
        PropertiesFiles.write(manifest(backup.file()), p);
    }

    private synchronized List<Backup> all() {
        return list(folder);
    }

    private static List<Backup> list(Path folder) {
        List<Backup> backups = new ArrayList<>();
        try (DirectoryStream<Path> dumps = Files.newDirectoryStream(folder, "*" + DUMP)) {
            for (Path dump : dumps) {
                if (NAME.matcher(dump.getFileName().toString()).matches()
                        && Files.isRegularFile(dump, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(manifest(dump))) {
                    backups.add(read(dump));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the backups in " + folder, e);
        }
        backups.sort(Comparator.comparing(Backup::created).thenComparing(Backup::name).reversed());
        return backups;
    }

    private static Backup read(Path dump) {
        Properties p = PropertiesFiles.read(manifest(dump));
        SortedMap<String, DatabaseFingerprint.TableState> tables = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(ROWS)) {
                String table = key.substring(ROWS.length());
                tables.put(table, new DatabaseFingerprint.TableState(Long.parseLong(p.getProperty(key)),
                        Long.parseLong(p.getProperty(CHECKSUM + table))));
            }
        }
        return new Backup(dump.getFileName().toString(), dump, p.getProperty("host"),
                Integer.parseInt(p.getProperty("port")), p.getProperty("database"), p.getProperty("operator"),
                Backup.Kind.valueOf(p.getProperty("kind")), Instant.parse(p.getProperty("created")),
                Long.parseLong(p.getProperty("size")), p.getProperty("sha256"), new DatabaseFingerprint(tables),
                "yes".equals(p.getProperty("verified")), Message.readFrom(p, "verification"));
    }

    private static Path manifest(Path dump) {
        String name = dump.getFileName().toString();
        return dump.resolveSibling(name.substring(0, name.length() - DUMP.length()) + MANIFEST);
    }

    /** A dump the console died writing is no backup: only its space is left. */
    private void deleteLeftOvers() {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(folder, "*" + PARTIAL)) {
            for (Path partial : partials) {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean the backups folder " + folder, e);
        }
    }
}
