package dev.fwbench.harness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.gatling.SimulationSettings;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Slo;
import dev.fwbench.harness.run.RunSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DriverConfigTest {
    private static final List<Setting<?>> ALL = all();

    private static List<Setting<?>> all() {
        List<Setting<?>> s = new ArrayList<>(RunSettings.all());
        s.addAll(LoadShape.settings());
        s.addAll(Slo.settings());
        s.addAll(SimulationSettings.workload()); // the simulations' own: WebSocket clients, injector CPU, hdr
        return s;
    }

    private static DriverConfig read(Map<String, String> props) {
        return DriverConfig.read(ALL, props, Map.of());
    }

    @Test
    void defaultsAreUsedAndRecordedAsSuch() {
        DriverConfig c = read(Map.of());
        assertThat(c.get(LoadShape.RATE)).isEqualTo(100.0);
        assertThat(c.get(RunSettings.WORKERS)).isZero();
        assertThat(c.get(RunSettings.BACKEND)).isEqualTo("auto");
        assertThat(c.get(RunSettings.BASE_URL)).isNull();
        assertThat(c.isGiven(LoadShape.RATE)).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> rate = (Map<String, Object>) c.toJson().get("rate");
        assertThat(rate).containsEntry("value", 100.0).containsEntry("source", "default").containsEntry("unit", "req/s");
        assertThat(c.toJson()).containsKeys("target", "backend", "workers", "model", "slo.errors.pct");
    }

    @Test
    void givenValuesAreParsedAndTheirSourceRecorded() {
        DriverConfig c = read(Map.of("rate", " 250.5 ", "workers", "4", "backend", "Process", "base.url",
                "http://127.0.0.1:8080/", "allow.remote", "true"));
        assertThat(c.get(LoadShape.RATE)).isEqualTo(250.5);
        assertThat(c.get(RunSettings.WORKERS)).isEqualTo(4);
        assertThat(c.get(RunSettings.BACKEND)).isEqualTo("process");
        assertThat(c.get(RunSettings.BASE_URL)).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(c.get(RunSettings.ALLOW_REMOTE)).isTrue();
        assertThat(c.entries().get("rate").source()).isEqualTo("-Drate");
    }

    @Test
    void anEnvironmentVariableStandsInForAnUnsetProperty() {
        DriverConfig c = DriverConfig.read(ALL, Map.of(), Map.of("FWBENCH_NODE_IMAGE", "local/node:20"));
        assertThat(c.get(RunSettings.IMAGE_NODE)).isEqualTo("local/node:20");
        assertThat(c.entries().get("image.node").source()).isEqualTo("environment FWBENCH_NODE_IMAGE");
        DriverConfig both = DriverConfig.read(ALL, Map.of("image.node", "mine"), Map.of("FWBENCH_NODE_IMAGE", "env"));
        assertThat(both.get(RunSettings.IMAGE_NODE)).isEqualTo("mine");
    }

    /** Every bad value is refused with one line naming the setting, what it accepts and what it got. */
    @ParameterizedTest(name = "-D{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "workers|abc|-Dworkers must be a whole number from 0 to 256",
        "workers|4294967298|-Dworkers must be a whole number from 0 to 256",
        "workers|-1|-Dworkers must be a whole number from 0 to 256",
        "workers|2.5|-Dworkers must be a whole number",
        "threads|abc|-Dthreads must be a whole number from 0 to 256",
        "rate|abc|-Drate must be a number in (0, 200000]",
        "rate|0|-Drate must be a number in (0, 200000]",
        "rate|-5|-Drate must be a number in (0, 200000]",
        "rate|NaN|-Drate must be a number",
        "rate|Infinity|-Drate must be a number",
        "rate|1e9|-Drate must be a number in (0, 200000]",
        "users|0|-Dusers must be a whole number from 1 to 100000",
        "warmup|-1|-Dwarmup must be a whole number from 0 to 3600",
        "duration|0|-Dduration must be a whole number from 1 to 86400",
        "ramp.to|-3|-Dramp.to must be a number in (0, 200000]",
        "model|half-open|-Dmodel must be one of open, closed",
        "backend|kubernetes|-Dbackend must be one of auto, containers, process, external",
        "profile|fast|-Dprofile must be one of production, tuned",
        "slo.errors.pct|200|-Dslo.errors.pct must be a number in [0, 100]",
        "slo.errors.pct|-1|-Dslo.errors.pct must be a number in [0, 100]",
        "slo.p99.ms|-5|-Dslo.p99.ms must be a number in (0, 3600000]",
        "slo.p99.ms|0|-Dslo.p99.ms must be a number in (0, 3600000]",
        "allow.remote|yes|-Dallow.remote must be true or false",
        "base.url|127.0.0.1:8080|-Dbase.url must be a http/https:// URL with a host",
        "base.url|ftp://127.0.0.1|-Dbase.url must be a http/https:// URL with a host",
        "base.url|http://|-Dbase.url must be a http/https:// URL with a host",
        "ws.url|http://127.0.0.1:1|-Dws.url must be a ws/wss:// URL with a host",
        "start.timeout|0|-Dstart.timeout must be a whole number from 1 to 3600",
        "server.cpus|0|-Dserver.cpus must be a whole number from 1",
        "server.cpus|999|-Dserver.cpus must be a whole number from 1",
        "ws.connections|abc|-Dws.connections must be a whole number from 1 to 10000",
        "ws.connections|0|-Dws.connections must be a whole number from 1 to 10000",
        "ws.broadcast.clients|abc|-Dws.broadcast.clients must be a whole number from 2 to 1000",
        "ws.broadcast.clients|1|-Dws.broadcast.clients must be a whole number from 2 to 1000",
        "ws.broadcast.rate|0|-Dws.broadcast.rate must be a number in (0, 10000]",
        "injector.cpu.threshold|5|-Dinjector.cpu.threshold must be a number in [0.1, 1]",
        "injector.cpu.threshold|abc|-Dinjector.cpu.threshold must be a number in [0.1, 1]",
        "injector.cpu.budget|abc|-Dinjector.cpu.budget must be a number in (0,",
        "injector.cpu.budget|0|-Dinjector.cpu.budget must be a number in (0,",
        "hdr|off|-Dhdr must be true or false",
    })
    void badValuesAreRefusedWithOneLine(String key, String value, String expected) {
        assertThatThrownBy(() -> read(Map.of(key, value)))
                .isInstanceOf(BenchException.class)
                .hasMessageStartingWith(expected)
                .hasMessageEndingWith("(got '" + value + "')")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void settingsReadLaterAreRecordedToo() {
        DriverConfig c = read(Map.of("target.mine.url", "http://127.0.0.1:9"));
        assertThat(c.propertiesWithPrefix("target.")).containsOnlyKeys("target.mine.url");
        URI u = c.read(RunSettings.BASE_URL.withKey("target.mine.url", "URL of mine"));
        assertThat(u).isEqualTo(URI.create("http://127.0.0.1:9"));
        assertThat(c.toJson()).containsKey("target.mine.url");
    }
}
