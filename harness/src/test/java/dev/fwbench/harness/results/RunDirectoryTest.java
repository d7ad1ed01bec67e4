package dev.fwbench.harness.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoRunsInTheSameSecondGetTwoFoldersWithTheirFingerprint(@TempDir Path runs) throws Exception {
        Path checkout = Path.of("").toAbsolutePath();
        RunDirectory a = RunDirectory.create(runs, checkout, "db sim", Map.of("rate", 50));
        RunDirectory b = RunDirectory.create(runs, checkout, "db sim", Map.of("rate", 50));

        assertThat(a.root()).isNotEqualTo(b.root());
        assertThat(a.root().getFileName().toString()).matches("\\d{8}T\\d{6}Z-db-sim(-\\d+)?");
        for (String sub : new String[] {"hdr", "gatling", "logs"}) {
            assertThat(a.root().resolve(sub)).isDirectory();
        }
        a.addTarget("nestjs:express", "process", "http://127.0.0.1:1", JSON.readTree("{\"frameworkVersion\":\"11\"}"));
        JsonNode run = JSON.readTree(Files.readString(a.root().resolve("run.json")));
        assertThat(run.path("parameters").path("rate").asInt()).isEqualTo(50);
        assertThat(run.path("environment").path("cores").asInt()).isPositive();
        assertThat(run.path("environment").has("gitSha")).isTrue();
        assertThat(run.path("environment").path("jdk").asText()).isNotBlank();
        assertThat(run.path("targets").path("nestjs:express").path("health").path("frameworkVersion").asText())
                .isEqualTo("11");
    }
}
