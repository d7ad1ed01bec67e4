package dev.fwbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.stats.GateDecision.Outcome;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RegressionGateTest {

    private static final RegressionGate GATE = new RegressionGate(GateSettings.defaults());
    private static final Metric THROUGHPUT = Metric.throughput("/json throughput");
    private static final Metric P99 = Metric.latency("/db p99");

    /** 14 steady nights (req/s): median 1000.5, raw MAD 4.5, scaled 6.67, 3 MAD = 20.0 req/s = 2.0 %. */
    private static final double[] STEADY = {1000, 1004, 996, 1008, 992, 1002, 998, 1006, 994, 1010, 990, 1001, 999, 1005};

    @Test
    void theBaselineIsTheMedianAndTheScaledMad() {
        GateDecision d = GATE.decide(THROUGHPUT, STEADY, new double[] {1000, 1003, 997, 1001, 999});
        assertThat(d.nights()).isEqualTo(14);
        assertThat(d.baselineMedian()).isEqualTo(1000.5);
        assertThat(d.baselineMad()).isCloseTo(1.4826 * 4.5, within(1e-9));
        assertThat(RegressionGate.scaledMad(new double[] {1, 2, 3, 4, 100})).isCloseTo(1.4826, within(1e-12)); // |x - 3| = 2 1 0 1 97
        assertThat(d.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aTwentyPercentRegressionOnASteadyHistoryFailsOnceConfirmed() {
        double[] tonight = {800, 805, 795, 810, 790};
        GateDecision first = GATE.decide(THROUGHPUT, STEADY, tonight);
        assertThat(first.outcome()).isEqualTo(Outcome.CONFIRMATION_NEEDED);
        assertThat(first.p()).isCloseTo(2.0 / 11628, within(1e-12)); // 2 / C(19, 5): every trial below every night
        assertThat(first.pKind()).isEqualTo(PValueKind.EXACT);
        assertThat(first.change()).isCloseTo(800 / 1000.5 - 1, within(1e-12));
        assertThat(first.spreadLimit()).isCloseTo(3 * 1.4826 * 4.5 / 1000.5, within(1e-12));
        assertThat(first.significant()).isTrue();
        assertThat(first.beyondThreshold()).isTrue();
        assertThat(first.beyondSpread()).isTrue();
        assertThat(first.worse()).isTrue();
        assertThat(first.reason()).isEqualTo("p=0.000172, -20.0 % > 10.0 % and > 3 MAD (2.0 %): re-run to confirm");

        GateDecision confirmed = GATE.confirm(first, STEADY, new double[] {802, 798, 807, 793, 801});
        assertThat(confirmed.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(confirmed.confirmedByRerun()).isTrue();
        assertThat(confirmed.change()).isEqualTo(first.change());
        assertThat(confirmed.reason()).isEqualTo("p=0.000172, -20.0 % > 10.0 % and > 3 MAD (2.0 %); confirmed by a re-run (p=0.000172, -19.9 % > 10.0 % and > 3 MAD (2.0 %))");
    }

    @Test
    void aThreePercentChangePasses() {
        GateDecision d = GATE.decide(THROUGHPUT, STEADY, new double[] {970, 975, 965, 972, 968});
        assertThat(d.change()).isCloseTo(-0.0305, within(1e-4));
        assertThat(d.significant()).isTrue(); // real, but smaller than anyone cares about
        assertThat(d.beyondThreshold()).isFalse();
        assertThat(d.outcome()).isEqualTo(Outcome.PASS);
        assertThat(d.reason()).isEqualTo("p=0.000172, -3.0 % within 10.0 % and > 3 MAD (2.0 %)");
    }

    @Test
    void oneNoisyNightAloneDoesNotFail() {
        // tonight's trials scatter from 700 to 1010 (median 790, -21 %): not significant, a warning
        GateDecision scattered = GATE.decide(THROUGHPUT, STEADY, new double[] {700, 790, 1010, 760, 990});
        assertThat(scattered.beyondThreshold()).isTrue();
        assertThat(scattered.significant()).isFalse();
        assertThat(scattered.outcome()).isEqualTo(Outcome.WARN);

        // a night slow on every trial (a busy machine) meets every condition once ...
        GateDecision slow = GATE.decide(THROUGHPUT, STEADY, new double[] {780, 800, 790, 810, 770});
        assertThat(slow.outcome()).isEqualTo(Outcome.CONFIRMATION_NEEDED);
        // ... and the confirming re-run is normal: a warning, not a failure
        GateDecision rerun = GATE.confirm(slow, STEADY, new double[] {1001, 997, 1003, 999, 1000});
        assertThat(rerun.outcome()).isEqualTo(Outcome.WARN);
        assertThat(rerun.confirmedByRerun()).isTrue();
        assertThat(rerun.reason()).startsWith("p=0.000172, -21.0 % > 10.0 % and > 3 MAD (2.0 %); not confirmed by the re-run (p=");
    }

    @Test
    void oneNoisyNightInTheHistoryDoesNotMoveTheBaseline() {
        double[] withOutlier = STEADY.clone();
        withOutlier[6] = 1500; // one night of a busy machine
        GateDecision d = GATE.decide(THROUGHPUT, withOutlier, new double[] {970, 975, 965, 972, 968});
        assertThat(d.baselineMedian()).isEqualTo(1001.5);
        assertThat(d.outcome()).isEqualTo(Outcome.PASS);
        assertThat(GATE.decide(THROUGHPUT, withOutlier, new double[] {800, 805, 795, 810, 790}).outcome())
                .isEqualTo(Outcome.CONFIRMATION_NEEDED);
    }

    @Test
    void aBigChangeThatIsNotSignificantWarns() {
        // a wide history (900..1100): tonight -12 % but within the nights' range for some trials
        double[] wide = {900, 1100, 950, 1050, 1000, 920, 1080, 980, 1020, 940, 1060, 960, 1040, 1010};
        GateDecision d = GATE.decide(THROUGHPUT, wide, new double[] {880, 1050, 870, 1000, 885});
        assertThat(d.worse()).isTrue();
        assertThat(d.beyondThreshold()).isTrue();
        assertThat(d.significant()).isFalse();
        assertThat(d.outcome()).isEqualTo(Outcome.WARN);
        assertThat(d.reason()).contains("(not significant)");
    }

    @Test
    void anImprovementPasses() {
        GateDecision d = GATE.decide(THROUGHPUT, STEADY, new double[] {1200, 1205, 1195, 1210, 1190});
        assertThat(d.outcome()).isEqualTo(Outcome.PASS);
        assertThat(d.worse()).isFalse();
        assertThat(d.reason()).endsWith(", faster");
    }

    @Test
    void latencyGoingUpIsTheBadDirection() {
        double[] p99 = Arrays.stream(STEADY).map(v -> v / 100).toArray(); // 10.0 ms +- 0.1
        assertThat(GATE.decide(P99, p99, new double[] {12.0, 12.1, 11.9, 12.2, 12.05}).outcome()).isEqualTo(Outcome.CONFIRMATION_NEEDED);
        assertThat(GATE.decide(P99, p99, new double[] {8.0, 8.1, 7.9, 8.2, 8.05}).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void tooShortAHistoryIsInconclusive() {
        GateDecision d = GATE.decide(THROUGHPUT, new double[] {1000, 1004, 996}, new double[] {500, 505, 495, 510, 490});
        assertThat(d.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(d.reason()).isEqualTo("3 nights of history, 5 needed before the gate judges");
        assertThat(d.baselineMedian()).isEqualTo(1000);
        assertThat(d.change()).isNull();
        assertThat(GATE.decide(THROUGHPUT, new double[0], new double[] {500}).reason())
                .isEqualTo("no history yet: 5 nights needed before the gate judges");
    }

    @Test
    void oneTrialTonightCannotReachSignificance() {
        GateDecision d = GATE.decide(THROUGHPUT, STEADY, new double[] {500});
        assertThat(d.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(d.reason()).isEqualTo("1 trial tonight against 14 nights can give p=0.133 at best, above alpha 0.05: run 2 or more");
    }

    @Test
    void onlyTheLastWindowOfNightsCounts() {
        double[] history = new double[20];
        Arrays.fill(history, 0, 6, 500); // six old nights of a slower past
        System.arraycopy(STEADY, 0, history, 6, 14);
        GateDecision d = GATE.decide(THROUGHPUT, history, new double[] {1000, 1003, 997, 1001, 999});
        assertThat(d.nights()).isEqualTo(14);
        assertThat(d.baselineMedian()).isEqualTo(1000.5);
    }

    @Test
    void aRerunWithoutNumbersLeavesAWarning() {
        GateDecision first = GATE.decide(THROUGHPUT, STEADY, new double[] {800, 805, 795, 810, 790});
        GateDecision left = GATE.unconfirmed(first, "every trial of the re-run failed");
        assertThat(left.outcome()).isEqualTo(Outcome.WARN);
        assertThat(left.confirmedByRerun()).isTrue();
        assertThat(left.change()).isEqualTo(first.change());
        assertThat(left.reason()).isEqualTo("p=0.000172, -20.0 % > 10.0 % and > 3 MAD (2.0 %); not confirmed: every trial of the re-run failed");
        GateDecision pass = GATE.decide(THROUGHPUT, STEADY, new double[] {1000, 1003, 997, 1001, 999});
        assertThatThrownBy(() -> GATE.unconfirmed(pass, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyADecisionThatNeedsConfirmationCanBeConfirmed() {
        GateDecision pass = GATE.decide(THROUGHPUT, STEADY, new double[] {1000, 1003, 997, 1001, 999});
        assertThatThrownBy(() -> GATE.confirm(pass, STEADY, new double[] {800, 801, 802})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decisionsSerializeAndReadBackWithJackson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        GateDecision judged = GATE.decide(THROUGHPUT, STEADY, new double[] {800, 805, 795, 810, 790});
        GateDecision shortHistory = GATE.decide(THROUGHPUT, new double[] {1000, 1004}, new double[] {800, 805});
        String text = json.writeValueAsString(judged);
        assertThat(text).contains("\"outcome\":\"CONFIRMATION_NEEDED\"", "\"baselineMedian\":1000.5", "\"pKind\":\"EXACT\"").doesNotContain("NaN");
        assertThat(json.readValue(text, GateDecision.class)).isEqualTo(judged);
        assertThat(json.writeValueAsString(shortHistory)).contains("\"change\":null", "\"p\":null");
        assertThat(json.readValue(json.writeValueAsString(shortHistory), GateDecision.class)).isEqualTo(shortHistory);
    }

    @Test
    void settingsAreCheckedWithOneLineErrors() {
        assertThatThrownBy(() -> new GateSettings(3, 5, 0.1, 3, 0.05)).isInstanceOf(BenchException.class)
                .hasMessage("the gate's window of 3 nights is shorter than its minimum of 5 nights: make the window at least as long");
        assertThatThrownBy(() -> new GateSettings(14, 5, 10, 3, 0.05)).isInstanceOf(BenchException.class)
                .hasMessageContaining("e.g. 0.10 for 10 %");
    }
}
