package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One import per target at a time: the second is refused at once, naming the first, and changes nothing. */
class TargetLockIT {

    @TempDir
    Path directory;
    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    private String target;

    @BeforeEach
    void createTarget() {
        target = fixture.createDatabase("locked");
    }

    @Test
    void aSecondImportIsRefusedWhileTheFirstHoldsTheTargetAndRunsOnceItIsGone() throws Exception {
        Path script = fixture.write("CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1),(2);\n", "a.sql");
        Path checkpoint = directory.resolve("a.sql.checkpoint");
        Files.writeString(checkpoint, "the first import's checkpoint");
        FileTime written = FileTime.from(Instant.parse("2024-01-02T03:04:05Z"));
        Files.setLastModifiedTime(checkpoint, written);
        ImportOptions options = ImportOptions.builder().checkpointFile(checkpoint).resume(true).build();

        try (TargetLock first = TargetLock.acquire(fixture.factory(target), "cli import")) {
            assertThatThrownBy(() -> new Importer(options).run(script, fixture.factory(target)))
                    .isInstanceOfSatisfying(TargetLockedException.class, e -> {
                        assertThat(e.database()).isEqualTo(target);
                        assertThat(e.holder()).startsWith("pod-migrate cli import, pid " + ProcessHandle.current().pid()
                                + ", host ").contains("(connection ");
                        assertThat(e.heldFor()).matches("\\d+ s");
                    })
                    .hasMessageStartingWith("Another import is running into " + target + ": pod-migrate cli import")
                    .hasMessageEndingWith("; wait for it or stop it");
            assertThat(fixture.queryString(target, "SELECT COUNT(*) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE()")).isEqualTo("0");
            assertThat(Files.readString(checkpoint)).isEqualTo("the first import's checkpoint");
            assertThat(Files.getLastModifiedTime(checkpoint)).isEqualTo(written);
        }

        Files.delete(checkpoint);
        ImportResult result = new Importer(ImportOptions.builder().build()).run(script, fixture.factory(target));
        assertThat(result.completed()).isTrue();
        assertThat(fixture.queryString(target, "SELECT COUNT(*) FROM t")).isEqualTo("2");
    }

    @Test
    void aLostHolderConnectionReleasesTheLock() throws Exception {
        TargetLock first = TargetLock.acquire(fixture.factory(target), "console import by alice");
        long holder = Long.parseLong(fixture.queryString(target, "SELECT IS_USED_LOCK('" + TargetLock.name(target) + "')"));

        fixture.execute(target, "KILL CONNECTION " + holder);

        // The describing connection of the same holder takes over: the holder keeps its lock while it lives.
        assertThatThrownBy(() -> TargetLock.acquire(fixture.factory(target), "cli import").close())
                .isInstanceOf(TargetLockedException.class);
        first.close();
        TargetLock.acquire(fixture.factory(target), "cli import").close();
    }

    @Test
    void aDeadProcessLeavesNoLock() throws Exception {
        TargetLock first = TargetLock.acquire(fixture.factory(target), "cli import");
        String name = TargetLock.name(target);
        String holders = "SELECT GROUP_CONCAT(ID) FROM information_schema.PROCESSLIST WHERE ID = IS_USED_LOCK('" + name
                + "') OR INFO LIKE 'SELECT /* pod-migrate cli import%'";
        for (String id : fixture.queryString(target, holders).split(",")) {
            fixture.execute(target, "KILL CONNECTION " + id);
        }

        TargetLock.acquire(fixture.factory(target), "cli import").close();
        first.close();
    }

    @Test
    void differentTargetsDoNotBlockEachOther() throws Exception {
        String other = fixture.createDatabase("other");
        Path script = fixture.write("CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n", "b.sql");

        try (TargetLock first = TargetLock.acquire(fixture.factory(target), "cli import")) {
            assertThat(new Importer(ImportOptions.builder().build()).run(script, fixture.factory(other)).completed())
                    .isTrue();
        }
    }

    @Test
    void anImportRunsUnderTheLockItsCallerHolds() throws Exception {
        Path script = fixture.write("CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n", "c.sql");

        try (TargetLock held = TargetLock.acquire(fixture.factory(target), "console restore")) {
            ImportResult result = new Importer(ImportOptions.builder().targetLock(held).build())
                    .run(script, fixture.factory(target));
            assertThat(result.completed()).isTrue();
        }
    }

    @Test
    void namesFitTheServersLimitAndStayPerDatabase() {
        String long1 = "a".repeat(64);
        String long2 = "a".repeat(63) + "b";

        assertThat(TargetLock.name("pod")).isEqualTo("pod-migrate import pod");
        assertThat(TargetLock.name(long1)).hasSizeLessThanOrEqualTo(64).isNotEqualTo(TargetLock.name(long2));
        assertThat(TargetLock.name("pod'; DROP")).hasSizeLessThanOrEqualTo(64).doesNotContain("'");
    }
}
