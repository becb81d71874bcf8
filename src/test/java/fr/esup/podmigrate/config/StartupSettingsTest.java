package fr.esup.podmigrate.config;

import fr.esup.podmigrate.PodMigrateApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class StartupSettingsTest {

    @Test
    void malformedTargetUrlStopsStartUpWithOneReadableLine(CapturedOutput output) {
        assertThatThrownBy(() -> start("--podmigrate.target.url=mysql:/not-a-jdbc-url"))
                .hasRootCauseInstanceOf(InvalidSettingException.class);
        assertThat(output.getOut() + output.getErr())
                .contains("Invalid setting: podmigrate.target.url 'mysql:/not-a-jdbc-url' is not a MariaDB JDBC URL");
    }

    @Test
    void passwordInsideTheUrlIsNeverPrinted(CapturedOutput output) {
        assertThatThrownBy(() -> start("--podmigrate.target.url=jdbc:mariadb://u:secret@h/db",
                "--podmigrate.source.url=jdbc:mysql://h/v2?user=u&password=secret"))
                .hasRootCauseInstanceOf(InvalidSettingException.class)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("secret"));
        assertThat(output.getOut() + output.getErr())
                .contains("Invalid setting: podmigrate.target.url 'jdbc:mariadb://u:***@h/db'")
                .doesNotContain("secret");
    }

    @Test
    void urlWithoutDatabaseIsRefused() {
        assertThatThrownBy(() -> start("--podmigrate.target.url=jdbc:mariadb://db.example.org:3306/"))
                .hasRootCauseMessage("podmigrate.target.url 'jdbc:mariadb://db.example.org:3306/' names no database;"
                        + " expected jdbc:mariadb://host:port/database");
    }

    @Test
    void unwritableWorkspaceStopsStartUp(CapturedOutput output, @TempDir Path folder) throws Exception {
        Path file = Files.createFile(folder.resolve("workspace.txt"));
        assertThatThrownBy(() -> start("--podmigrate.target.url=jdbc:mariadb://127.0.0.1:9/pod",
                "--podmigrate.workspace=" + file.resolve("inside")))
                .hasRootCauseInstanceOf(InvalidSettingException.class);
        assertThat(output.getOut() + output.getErr()).contains("Invalid setting: podmigrate.workspace");
    }

    @Test
    void plainTextOperatorPasswordIsRefused() {
        assertThatThrownBy(() -> start("--podmigrate.target.url=jdbc:mariadb://127.0.0.1:9/pod",
                "--podmigrate.workspace=target/test-workspaces/startup", "--podmigrate.operator.password=plain"))
                .hasRootCauseInstanceOf(InvalidSettingException.class);
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server.port=0";
        new SpringApplicationBuilder(PodMigrateApplication.class).run(all).close();
    }
}
