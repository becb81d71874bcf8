package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.ImportProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A script read ahead of its import, while the command line locks and checks the target, is not read twice. */
class ImporterReadAheadIT {

    private static final String SCRIPT = "CREATE TABLE `t` (`id` int PRIMARY KEY);\nINSERT INTO `t` VALUES (1),(2);\n";

    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();

    private final List<Boolean> checking = new ArrayList<>();
    private final Importer importer = new Importer(ImportOptions.builder()
            .progress(progress -> checking.add(progress.stage() == ImportProgress.Stage.CHECKING)).build());

    @Test
    void anImportAfterAReadAheadOfTheUnchangedScriptTakesThatReading() throws Exception {
        Path script = fixture.write(SCRIPT, "ahead.sql");
        String target = fixture.createDatabase("ahead");

        importer.readAhead(script, target);
        assertThat(checking).contains(true);
        checking.clear();
        ImportResult result = importer.run(script, fixture.factory(target));

        assertThat(checking).isNotEmpty().doesNotContain(true);
        assertThat(result.completed()).isTrue();
        assertThat(fixture.count(target, "t")).isEqualTo(2);
    }

    @Test
    void aScriptChangedSinceItsReadAheadIsReadAgainAndItsChangeRefused() throws Exception {
        Path script = fixture.write(SCRIPT, "changed.sql");
        String target = fixture.createDatabase("changed");

        importer.readAhead(script, target);
        Files.writeString(script, "DROP DATABASE `mysql`;\n", StandardOpenOption.APPEND);
        checking.clear();

        assertThatThrownBy(() -> importer.run(script, fixture.factory(target)))
                .isInstanceOf(ScriptRefusedException.class);
        assertThat(checking).contains(true);
        assertThat(fixture.queryString(target, "SELECT COUNT(*) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE()")).isEqualTo("0");
    }
}
