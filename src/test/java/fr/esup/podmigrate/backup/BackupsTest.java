package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The workspace's backups as manifests say they are, and what they allow. */
class BackupsTest {

    private static final DatabaseEndpoint POD = new DatabaseEndpoint("jdbc:mariadb://v3.univ.fr:3306/pod", "pod", "x", "t");
    private static final DatabaseEndpoint POD_AS_ROOT = new DatabaseEndpoint("jdbc:mariadb://v3.univ.fr/pod", "root", "y", "t");
    private static final DatabaseEndpoint OTHER = new DatabaseEndpoint("jdbc:mariadb://v3.univ.fr:3306/pod_test", "pod", "x", "t");

    @TempDir
    Path dir;

    private Backups backups;

    @BeforeEach
    void setUp() {
        backups = new Backups(TestWorkspaces.in(dir));
    }

    @Test
    void listsABackupOfTheSameServerAndDatabaseNewestFirstWhoeverLogsIn() throws Exception {
        Backup older = save(POD, "2026-11-26T10:00:00Z", fingerprint(5), true);
        Backup newer = save(POD, "2026-11-26T11:00:00Z", fingerprint(6), false);
        save(OTHER, "2026-11-26T12:00:00Z", fingerprint(6), true);

        assertThat(backups.of(POD_AS_ROOT)).containsExactly(newer, older);
        assertThat(backups.newestVerified(POD)).contains(older);
        assertThat(backups.find(POD, older.name())).contains(older);
        assertThat(backups.find(POD, "../backups/" + older.name())).isEmpty();
        assertThat(backups.find(OTHER, older.name())).isEmpty();
    }

    @Test
    void aDumpWithoutItsManifestOrWithAnotherNameIsNoBackup() throws Exception {
        Files.write(dir.resolve("backups/pod-20261126-100000.sql.gz"), new byte[] {1});
        Files.write(dir.resolve("backups/notes.sql.gz"), new byte[] {1});

        assertThat(backups.of(POD)).isEmpty();
    }

    @Test
    void twoBackupsInTheSameSecondGetTwoNames() throws Exception {
        Backup first = save(POD, "2026-11-26T10:00:00Z", fingerprint(1), true);

        assertThat(backups.newFile("pod", first.created()).getFileName().toString())
                .isEqualTo("pod-20261126-100000-2.sql.gz");
    }

    @Test
    void onlyAVerifiedBackupOfTheCurrentStateAllowsDestruction() throws Exception {
        assertThat(backups.check(POD, fingerprint(5)).verdict()).isEqualTo(BackupCheck.Verdict.NO_BACKUP);

        Backup verified = save(POD, "2026-11-26T10:00:00Z", fingerprint(5), true);
        assertThat(backups.check(POD, fingerprint(5))).extracting(BackupCheck::verdict, BackupCheck::backup)
                .containsExactly(BackupCheck.Verdict.MATCHES, verified);
        assertThat(backups.check(POD, fingerprint(7))).extracting(BackupCheck::verdict, BackupCheck::changed)
                .containsExactly(BackupCheck.Verdict.CHANGED, List.of("django_site"));

        Backup unverified = save(POD, "2026-11-26T11:00:00Z", fingerprint(7), false);
        assertThat(backups.check(POD, fingerprint(7))).extracting(BackupCheck::verdict, BackupCheck::backup)
                .containsExactly(BackupCheck.Verdict.NOT_VERIFIED, unverified);
        assertThat(backups.check(POD, fingerprint(5)).verdict()).isEqualTo(BackupCheck.Verdict.MATCHES);
    }

    private Backup save(DatabaseEndpoint endpoint, String created, DatabaseFingerprint fingerprint, boolean verified)
            throws Exception {
        Path file = backups.newFile(endpoint.database(), Instant.parse(created));
        Files.write(file, new byte[] {0x1f, (byte) 0x8b});
        Backup backup = new Backup(file.getFileName().toString(), file, endpoint.host(), endpoint.port(),
                endpoint.database(), "alice", Backup.Kind.REQUESTED, Instant.parse(created), 2, "00".repeat(32),
                fingerprint, verified, Message.of(verified ? "backup.verification.readBack" : "backup.verification.unfinished", 3, 42));
        backups.save(backup);
        return backup;
    }

    private static DatabaseFingerprint fingerprint(long siteRows) {
        TreeMap<String, DatabaseFingerprint.TableState> tables = new TreeMap<>();
        tables.put("django_migrations", new DatabaseFingerprint.TableState(250, 42));
        tables.put("django_site", new DatabaseFingerprint.TableState(siteRows, siteRows * 1000));
        return new DatabaseFingerprint(tables);
    }
}
