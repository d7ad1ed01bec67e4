package dev.fwbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep of the fixture: nestjs at 1, 2, 4 users gives 100, 195, 230 req/s (times 1.055,
 * the median trial's spread), against an ideal of 105.5, 211, 422: 100 %, 97.5 %, 57.5 % of
 * ideal, so the knee is 2 users; p99 is 4 ms per user and the SLO 10 ms, so 2 users is also
 * the SLO capacity.
 */
class SweepTest {

    @Test
    void idealLineKneeAndSloCapacityOfASweep(@TempDir Path tmp) throws Exception {
        JsonNode suite = new ObjectMapper().readTree(SuiteFixture.write(tmp).resolve("suite.json").toFile());
        List<Sweep> sweeps = Sweep.of("A", suite, Map.of("capacity", 10.0));
        assertThat(sweeps).hasSize(1);
        Sweep s = sweeps.get(0);
        assertThat(s.key()).isEqualTo("users");
        assertThat(s.sloP99Ms()).isEqualTo(10.0);
        Sweep.Line nest = s.lines().stream().filter(l -> l.target().equals("nestjs")).findFirst().orElseThrow();
        assertThat(nest.x()).containsExactly(1.0, 2.0, 4.0);
        assertThat(nest.throughput()).containsExactly(105.5, 205.7, 242.7);
        assertThat(nest.ideal()).containsExactly(105.5, 211.0, 422.0);
        assertThat(nest.kneeX()).isEqualTo(2.0);
        assertThat(nest.sloCapacityX()).isEqualTo(2.0);
        assertThat(s.lines()).extracting(Sweep.Line::target).containsExactly("nestjs", "django");
    }
}
