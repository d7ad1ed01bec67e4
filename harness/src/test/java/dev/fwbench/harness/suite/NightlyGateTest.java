package dev.fwbench.harness.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.cli.BenchCommand;
import dev.fwbench.harness.stats.GateDecision.Outcome;
import dev.fwbench.harness.stats.GateSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench gate}'s logic against synthetic histories: 14 steady nights of /json at
 * 1000 req/s (±0.5 %) and 10 ms p99 on one machine, appended as the workflow appends them,
 * then tonight. The statistics are {@link dev.fwbench.harness.stats.RegressionGate}'s (tested
 * there with worked numbers); here: what is compared with what, the re-run, the outcome and its
 * exit code, SLOs beside the verdicts, the history's files and its refusal to mix machines.
 */
class NightlyGateTest {
    private static final GateSettings DEFAULTS = GateSettings.defaults();

    @TempDir
    Path tmp;
    private Path history;
    private SyntheticSuites suites;

    @BeforeEach
    void steadyHistory() throws Exception {
        history = Files.createDirectories(tmp.resolve("history"));
        suites = new SyntheticSuites(tmp.resolve("runs"));
        for (int n = 0; n < 14; n++) {
            NightHistory.append(history, Night.of(suites.steady(n, SyntheticSuites.X86, 1000)));
        }
    }

    private Path tonight(double... throughput) throws Exception {
        return suites.suite(SyntheticSuites.night(14), SyntheticSuites.X86, Map.of("nestjs/json", throughput), List.of());
    }

    private Path rerun(double... throughput) throws Exception {
        return suites.suite(SyntheticSuites.night(14).plusSeconds(3600), SyntheticSuites.X86, Map.of("nestjs/json", throughput),
                List.of());
    }

    private static NightlyGate.Row row(NightlyGate.Report r, String metric) {
        return r.rows().stream().filter(x -> x.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void aTwentyPercentRegressionOnASteadyHistoryFailsOnceTheRerunAgrees() throws Exception {
        Path tonight = tonight(800, 805, 795, 810, 790);
        NightlyGate.Report unconfirmed = NightlyGate.judge(tonight, history, DEFAULTS, null, null);
        assertThat(unconfirmed.outcome()).isEqualTo(Outcome.CONFIRMATION_NEEDED);
        assertThat(unconfirmed.exitCode()).isEqualTo(3);
        assertThat(unconfirmed.nights()).hasSize(14);
        assertThat(row(unconfirmed, "throughput").decision().nights()).isEqualTo(14);
        assertThat(row(unconfirmed, "throughput").decision().change()).isBetween(-0.21, -0.19);
        assertThat(row(unconfirmed, "p99").decision().outcome()).isEqualTo(Outcome.PASS);

        NightlyGate.Report confirmed = NightlyGate.judge(tonight, history, DEFAULTS, null,
                NightlyGate.Confirmation.given(rerun(802, 798, 807, 793, 801)));
        assertThat(confirmed.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(confirmed.exitCode()).isEqualTo(1);
        assertThat(row(confirmed, "throughput").decision().outcome()).isEqualTo(Outcome.FAIL);
        assertThat(row(confirmed, "throughput").decision().reason()).contains("confirmed by a re-run");
        assertThat(confirmed.confirmSuite()).isEqualTo("20261115T030000Z-nightly");
        String text = String.join("\n", NightlyGate.text(confirmed));
        assertThat(text).contains("baseline: 14 nights in amd64/2cpu-intel-r-xeon-r-processor/, 20261101T020000Z-nightly .. 20261114T020000Z-nightly")
                .containsPattern("nestjs/json +json throughput \\(req/s\\) +14 +1\\.00k ±[0-9.]+ +800 n=5 +-20\\.[01] % +FAIL +p=0\\.000172, ")
                .contains("nestjs/json: 5 of 5 trials measured, SLOs kept")
                .contains("outcome: FAIL (1 pass, 1 FAIL of 2 metrics); exit 1");
    }

    @Test
    void aThreePercentChangePasses() throws Exception {
        NightlyGate.Report r = NightlyGate.judge(tonight(970, 975, 965, 972, 968), history, DEFAULTS, null, null);
        assertThat(row(r, "throughput").decision().significant()).isTrue(); // real, and smaller than the threshold
        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void oneNoisyNightAloneDoesNotFail() throws Exception {
        // tonight's trials scatter from 700 to 1010 (median -21 %): not significant, a warning
        NightlyGate.Report scattered = NightlyGate.judge(tonight(700, 790, 1010, 760, 990), history, DEFAULTS, null, null);
        assertThat(row(scattered, "throughput").decision().significant()).isFalse();
        assertThat(scattered.outcome()).isEqualTo(Outcome.WARN);
        assertThat(scattered.exitCode()).isZero();

        // slow on every trial (a busy machine) meets every condition once; the confirming re-run is normal
        Path slow = tonight(780, 800, 790, 810, 770);
        NightlyGate.Report notConfirmed = NightlyGate.judge(slow, history, DEFAULTS, null,
                NightlyGate.Confirmation.given(rerun(1001, 997, 1003, 999, 1000)));
        assertThat(row(notConfirmed, "throughput").decision().outcome()).isEqualTo(Outcome.WARN);
        assertThat(row(notConfirmed, "throughput").decision().reason()).contains("not confirmed by the re-run");
        assertThat(notConfirmed.outcome()).isEqualTo(Outcome.WARN);
        assertThat(notConfirmed.exitCode()).isZero();
    }

    @Test
    void aRerunWithoutNumbersForTheCellWarnsInsteadOfFailing() throws Exception {
        Path other = suites.suite(SyntheticSuites.night(14).plusSeconds(3600), SyntheticSuites.X86,
                Map.of("django/json", new double[] {800, 801, 802, 803, 804}), List.of());
        NightlyGate.Report r = NightlyGate.judge(tonight(800, 805, 795, 810, 790), history, DEFAULTS, null,
                NightlyGate.Confirmation.given(other));
        assertThat(row(r, "throughput").decision().outcome()).isEqualTo(Outcome.WARN);
        assertThat(row(r, "throughput").decision().reason()).contains("not confirmed: the re-run").contains("has no numbers for nestjs/json");
    }

    @Test
    void tooShortAHistoryIsInconclusive() throws Exception {
        Path shortHistory = Files.createDirectories(tmp.resolve("short"));
        for (int n = 11; n < 14; n++) {
            NightHistory.append(shortHistory, Night.of(suites.steady(n, SyntheticSuites.X86, 1000)));
        }
        NightlyGate.Report r = NightlyGate.judge(tonight(500, 505, 495, 510, 490), shortHistory, DEFAULTS, null, null);
        assertThat(r.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(r.exitCode()).isZero();
        assertThat(row(r, "throughput").decision().reason()).isEqualTo("3 nights of history, 5 needed before the gate judges");

        NightlyGate.Report none = NightlyGate.judge(tonight(500, 505, 495, 510, 490), Files.createDirectories(tmp.resolve("empty")),
                DEFAULTS, null, null);
        assertThat(none.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(String.join("\n", NightlyGate.text(none))).contains("baseline: no earlier night");
    }

    @Test
    void sloOutcomesStandBesideTheVerdictsAndWarn() throws Exception {
        Path tonight = suites.suite(SyntheticSuites.night(14), SyntheticSuites.X86,
                Map.of("nestjs/json", new double[] {1000, 1001, 999, 1002, 998}), List.of(2, 4));
        NightlyGate.Report r = NightlyGate.judge(tonight, history, DEFAULTS, null, null);
        assertThat(r.rows()).allMatch(x -> x.decision().outcome() == Outcome.PASS);
        assertThat(r.trials().get(0).sloBroken()).isEqualTo(2);
        assertThat(r.outcome()).isEqualTo(Outcome.WARN);
        assertThat(r.reason()).contains("2 trials broke an SLO");
        assertThat(String.join("\n", NightlyGate.text(r))).contains("nestjs/json: 5 of 5 trials measured, SLO broken in 2")
                .contains("trial 2 slo-broken: p99 above the SLO of 9 ms");
    }

    @Test
    void aCellWithASaturatedInjectorIsMarked() throws Exception {
        Path tonight = suites.suite(SyntheticSuites.night(14), SyntheticSuites.X86,
                Map.of("nestjs/json", new double[] {1000, 1001, 999, 1002, 998}), List.of(), List.of("injector saturated"));
        String text = String.join("\n", NightlyGate.text(NightlyGate.judge(tonight, history, DEFAULTS, null, null)));
        assertThat(text).containsPattern("\nnestjs/json \\(!\\) +json throughput").contains("(!) = the injector was saturated")
                .contains("flags: injector saturated");
    }

    @Test
    void theHistoryNeverMixesMachines() throws Exception {
        // tonight on ARM: the x86 nights are not its baseline
        Path arm = suites.suite(SyntheticSuites.night(14), SyntheticSuites.ARM,
                Map.of("nestjs/json", new double[] {500, 501, 502, 503, 504}), List.of());
        NightlyGate.Report r = NightlyGate.judge(arm, history, DEFAULTS, null, null);
        assertThat(r.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(r.history()).isEqualTo("aarch64/4cpu-neoverse-n2");
        assertThat(r.notes()).contains("not compared: the history's nights of another machine class, amd64/2cpu-intel-r-xeon-r-processor");

        // an ARM night put into the x86 folder is refused, not compared
        Path armNight = NightHistory.append(Files.createDirectories(tmp.resolve("arm-history")), Night.of(arm));
        Files.copy(armNight, NightHistory.folder(history, SyntheticSuites.X86).resolve(armNight.getFileName()));
        assertThatThrownBy(() -> NightlyGate.judge(tonight(1000, 1001, 999, 1002, 998), history, DEFAULTS, null, null))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("is a night of another machine (aarch64, 4 cores, Neoverse-N2)")
                .hasMessageContaining("never mixes machines");

        // a machine's folder given as the root is refused with the way out
        assertThatThrownBy(() -> NightHistory.read(NightHistory.folder(history, SyntheticSuites.X86), SyntheticSuites.X86, "nightly"))
                .isInstanceOf(BenchException.class).hasMessageContaining("--history takes the history's root");
    }

    @Test
    void tonightAppendedIsNotItsOwnBaselineAndReadsBack() throws Exception {
        Path tonight = tonight(800, 805, 795, 810, 790);
        NightlyGate.Report before = NightlyGate.judge(tonight, history, DEFAULTS, null, null);
        Path file = NightHistory.append(history, Night.of(tonight).withGate(before));
        assertThat(file).isEqualTo(history.resolve("amd64/2cpu-intel-r-xeon-r-processor/20261115T020000Z-nightly.json"));
        NightlyGate.Report again = NightlyGate.judge(tonight, history, DEFAULTS, null, null);
        assertThat(again.nights()).isEqualTo(before.nights());
        assertThat(again.rows()).isEqualTo(before.rows());

        Night back = NightHistory.readNight(file);
        assertThat(back.machine()).isEqualTo(SyntheticSuites.X86);
        assertThat(back.cells().get("nestjs/json").requests().get("json").get("throughput").values()).containsExactly(800.0, 805.0,
                795.0, 810.0, 790.0);
        assertThat(back.median("nestjs/json", "json", "throughput")).isEqualTo(800.0);
        assertThat(back.gate().outcome()).isEqualTo(Outcome.CONFIRMATION_NEEDED);
        assertThat(back.gate().rows()).isEqualTo(before.rows());
        assertThat(NightHistory.read(history, SyntheticSuites.X86, "nightly")).hasSize(15);
        assertThat(NightHistory.read(history, SyntheticSuites.X86, "quick")).isEmpty();
    }

    @Test
    void theCommandLineReturnsTheDocumentedExitCodesAndWritesItsFiles() throws Exception {
        Path tonight = tonight(800, 805, 795, 810, 790);
        String h = history.toString();
        assertThat(BenchCommand.execute("gate", tmp.resolve("nothing").toString(), "--history", h)).isEqualTo(2);
        assertThat(BenchCommand.execute("gate", tonight.toString(), "--history", h, "--threshold", "ten")).isEqualTo(2);
        assertThat(BenchCommand.execute("gate", tonight.toString(), "--history", h)).isEqualTo(3);
        assertThat(BenchCommand.execute("gate", tonight.toString(), "--history", h, "--threshold", "25%")).isZero();
        Path action = tmp.resolve("action");
        assertThat(BenchCommand.execute("gate", tonight.toString(), "--history", h, "--append", "--action-benchmark",
                action.toString(), "--confirm", rerun(802, 798, 807, 793, 801).toString())).isEqualTo(1);
        assertThat(tonight.resolve("gate.txt")).content().contains("outcome: FAIL");
        assertThat(tonight.resolve("gate.json")).content().contains("\"schema\" : \"fwbench-gate/1\"", "\"outcome\" : \"FAIL\"");
        assertThat(action.resolve(ActionBenchmarkJson.BIGGER)).exists();
        assertThat(NightHistory.read(history, SyntheticSuites.X86, "nightly")).hasSize(15).last()
                .satisfies(n -> assertThat(n.gate().outcome()).isEqualTo(Outcome.FAIL));
        assertThat(BenchCommand.execute("gate", tonight.toString(), "--history", h, "--rerun", "--confirm", tonight.toString()))
                .as("--rerun and --confirm exclude each other").isEqualTo(2);
    }

    @Test
    void unknownMetricsAreRefused() throws Exception {
        assertThatThrownBy(() -> NightlyGate.judge(tonight(1000, 1000, 1000, 1000, 1000), history, DEFAULTS, List.of("speed"), null))
                .isInstanceOf(BenchException.class).hasMessageStartingWith("unknown gate metric 'speed': use throughput, p50");
    }

    @Test
    void actionBenchmarkFilesSplitByDirection() throws Exception {
        Path out = tmp.resolve("action");
        List<Path> files = ActionBenchmarkJson.write(tonight(800, 805, 795, 810, 790), out);
        assertThat(files).containsExactly(out.resolve(ActionBenchmarkJson.BIGGER), out.resolve(ActionBenchmarkJson.SMALLER));
        String bigger = Files.readString(files.get(0));
        assertThat(bigger).contains("\"name\" : \"nestjs/json json throughput\"", "\"unit\" : \"req/s\"", "\"value\" : 800.0",
                "\"range\" : \"± 7.906\"", "5 trials, min 790, max 810; amd64, 2 cores");
        assertThat(bigger).doesNotContain("p99");
        assertThat(Files.readString(files.get(1))).contains("\"name\" : \"nestjs/json json p99\"", "\"unit\" : \"ms\"")
                .doesNotContain("throughput");
    }
}
