package dev.fwbench.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fwbench.harness.BenchException;
import org.junit.jupiter.api.Test;

class CellStatsTest {

    @Test
    void steadyTrialsAreNotNoisy() {
        CellStats s = CellStats.of(new double[] {100, 102, 98, 101, 99});
        assertThat(s.trials()).isEqualTo(5);
        assertThat(s.median()).isEqualTo(100);
        assertThat(s.min()).isEqualTo(98);
        assertThat(s.max()).isEqualTo(102);
        assertThat(s.mean()).isEqualTo(100);
        assertThat(s.stdDev()).isCloseTo(Math.sqrt(10.0 / 4), within(1e-12)); // sample SD, n - 1
        assertThat(s.cv()).isCloseTo(0.0158114, within(1e-6));
        assertThat(s.noisy()).isFalse();
    }

    @Test
    void aCvAboveTheLimitIsNoisy() {
        CellStats s = CellStats.of(new double[] {100, 110, 90, 100, 100});
        assertThat(s.cv()).isCloseTo(Math.sqrt(200.0 / 4) / 100, within(1e-12)); // 7.07 %
        assertThat(s.noisy()).isTrue();
        assertThat(CellStats.of(new double[] {100, 110, 90, 100, 100}, 0.08).noisy()).isFalse();
    }

    @Test
    void evenCountMedianIsTheMeanOfTheMiddleTwo() {
        assertThat(CellStats.of(new double[] {4, 1, 3, 2}).median()).isEqualTo(2.5);
    }

    @Test
    void oneTrialHasNoSpread() {
        CellStats s = CellStats.of(new double[] {42});
        assertThat(s.stdDev()).isNull();
        assertThat(s.cv()).isNull();
        assertThat(s.noisy()).isFalse();
    }

    @Test
    void theInputIsLeftAsItWas() {
        double[] values = {3, 1, 2};
        CellStats.of(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void badValuesAreRefusedInOneLine() {
        assertThatThrownBy(() -> CellStats.of(new double[] {1, Double.NaN}))
                .isInstanceOf(BenchException.class).hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> CellStats.of(new double[0]))
                .isInstanceOf(BenchException.class).hasMessageContaining("at least one trial");
        assertThatThrownBy(() -> CellStats.of(new double[] {1, 2}, 5.0 / 100 * -1))
                .isInstanceOf(BenchException.class).hasMessageContaining("noise limit");
    }
}
