package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The test server runs on this machine, as the benchmark's does: its CPU and a finished child's are read. */
class CpuClockIT {

    @Test
    void readsTheServersCpuAndThatOfTheProcessesThatEnded() throws Exception {
        try (Connection connection = TestServer.get().connect("")) {
            CpuClock clock = CpuClock.of(connection);
            CpuClock.Sample before = clock.now();

            try (Statement statement = connection.createStatement();
                 ResultSet busy = statement.executeQuery("SELECT BENCHMARK(20000000, CRC32('pod'))")) {
                assertThat(busy.next()).isTrue();
            }
            Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done").start();
            assertThat(child.waitFor()).isZero();

            CpuClock.Usage used = clock.since(before);
            assertThat(used.server()).isGreaterThan(0.05);
            assertThat(used.tool()).isGreaterThan(0.05);
            assertThat(CpuClock.describe(used, "sh")).matches("server \\d+\\.\\d\\d s \\+ sh \\d+\\.\\d\\d s of CPU");
        }
    }
}
