package fr.esup.podmigrate.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodMigrateCliTest {

    @Test
    void answersHelpWithTheVerbsInsteadOfStartingTheConsole() {
        for (String help : new String[] {"help", "--help", "-h"}) {
            assertThat(PodMigrateCli.handles(new String[] {help})).isTrue();

            CliRun run = CliRun.of(help);

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains(AnalyzeCommand.USAGE, ImportCommand.USAGE, DumpCommand.USAGE,
                    "--podmigrate.target.url=", "PODMIGRATE_TARGET_URL");
        }
    }

    @Test
    void leavesTheConsolesOwnArgumentsToTheConsole() {
        assertThat(PodMigrateCli.handles(new String[0])).isFalse();
        assertThat(PodMigrateCli.handles(new String[] {"--server.port=8081"})).isFalse();
        assertThat(PodMigrateCli.handles(new String[] {"dump", "--output", "podv2.sql"})).isTrue();
    }
}
