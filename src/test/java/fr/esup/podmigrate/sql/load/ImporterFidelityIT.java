package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer;
import fr.esup.podmigrate.sql.script.StatementReaderFidelityIT;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each script of the reader's corpus goes into one fresh database through the {@code mariadb} client and into
 * another through the Importer: both must end up alike. A script the Importer must refuse changes nothing.
 */
class ImporterFidelityIT {

    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();

    @ParameterizedTest
    @MethodSource("fr.esup.podmigrate.sql.script.StatementReaderFidelityIT#corpus")
    void importsEachCorpusScriptAsTheClientDoes(String name) throws Exception {
        Path script = StatementReaderFidelityIT.corpusFolder().resolve(name);
        String viaImporter = fixture.createDatabase("imp_fid");
        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, viaImporter, Set.of(), null, p -> { });
        for (int parallelism : new int[] {1, 3}) {
            String target = parallelism == 1 ? viaImporter : fixture.createDatabase("imp_fid_par");
            Importer importer = new Importer(ImportOptions.builder().parallelism(parallelism).build());
            if (!analysis.importable()) {
                assertThatThrownBy(() -> importer.run(script, fixture.factory(target)))
                        .isInstanceOf(ScriptRefusedException.class);
                assertThat(fixture.snapshot(target)).isEmpty();
                continue;
            }
            ImportResult result = importer.run(script, fixture.factory(target));
            assertThat(result.errors()).isEmpty();
            assertThat(result.completed()).isTrue();
            String viaClient = fixture.createDatabase("imp_fid_client");
            fixture.assertImports(viaClient, script);
            List<String> expected = fixture.snapshot(viaClient);
            assertThat(expected).anyMatch(line -> line.startsWith("table ") && !line.contains(" rows=0 "));
            assertThat(fixture.snapshot(target)).as("parallelism %d", parallelism).isEqualTo(expected);
        }
    }
}
