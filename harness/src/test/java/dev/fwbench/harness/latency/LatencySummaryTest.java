package dev.fwbench.harness.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The numbers of record: percentiles in ms at microsecond precision from a known histogram. */
class LatencySummaryTest {

    @Test
    void percentilesOfAKnownHistogram() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1_000L); // 1 us .. 1 ms, one each
        }
        LatencySummary.Percentiles p = LatencySummary.Percentiles.of(h);
        assertThat(p.p50()).isEqualTo(0.5);
        assertThat(p.p90()).isEqualTo(0.9);
        assertThat(p.p99()).isEqualTo(0.99);
        assertThat(p.p999()).isEqualTo(0.999);
        assertThat(p.max()).isEqualTo(1.0);
    }

    @Test
    void theTextSaysWhatWasSaturated() {
        LatencySummary.Percentiles p = new LatencySummary.Percentiles(0.2, 0.3, 0.5, 0.9, 1.0, 2.0);
        InjectorCpu.Report busy = new InjectorCpu.Report(2, false, "given: 2 cores", 0.9, 10, 0.95, 0.97, 1.0, true);
        LatencySummary s = new LatencySummary("nestjs", "RestSimulation", "open model", busy,
                List.of(new LatencySummary.Request("json", 1000, 2, 10, 100, p, p)));
        assertThat(s.request("json").errors()).isEqualTo(2);
        assertThat(s.toText()).contains("RestSimulation on nestjs").contains("INJECTOR SATURATED")
                .contains("json").contains("0.200");
        LatencySummary jmh = new LatencySummary("nestjs", "jmh", "none", null, List.of());
        assertThat(jmh.toText()).contains("injector CPU: not sampled");
        assertThat(jmh.injectorSaturated()).isFalse();
    }

    @Test
    void aLaggingScheduleMarksTheSummarySaturatedEvenWithCpuToSpare() {
        LatencySummary.Percentiles p = new LatencySummary.Percentiles(0.2, 0.3, 0.5, 0.9, 1.0, 2.0);
        InjectorCpu.Report idle = new InjectorCpu.Report(1, false, "given: 1 cores", 0.9, 10, 0.2, 0.3, 0.4, false);
        ScheduleLag lag = new ScheduleLag(1.0);
        for (int i = 0; i < 1000; i++) {
            lag.record(i < 980 ? 20_000 : 5_000_000); // 2 % of the requests taken 5 ms late
        }
        LatencySummary s = new LatencySummary("nestjs", "LeanLoad", "open model", idle,
                List.of(new LatencySummary.Request("json", 1000, 0, 10, 100, p, p)), lag.report(),
                java.util.Map.of("json", p), null);
        assertThat(s.lag().p99Ms()).isEqualTo(5.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(s.injectorSaturated()).isTrue();
        assertThat(s.toText()).contains("injector lag").contains("p99 lag above 1.0 ms").contains("client floor");
    }
}
