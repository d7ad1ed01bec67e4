package dev.fwbench.harness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.config.DriverConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The open model's schedule: when request k is due, at a constant rate and inside a ramp. */
class LoadShapeTest {

    @Test
    void aConstantRateSpacesRequestsEvenly() {
        LoadShape s = new LoadShape(LoadShape.Model.OPEN, 200, null, 10, 5, 30);
        assertThat(s.intendedOffsetNanos(0)).isZero();
        assertThat(s.intendedOffsetNanos(1)).isEqualTo(5_000_000L);      // 1 / 200 s
        assertThat(s.intendedOffsetNanos(1_000)).isEqualTo(5_000_000_000L); // the first measured request, at 5 s
        assertThat(s.intendedOffsetNanos(6_999)).isEqualTo(34_995_000_000L);
        assertThat(s.definesIntendedStart()).isTrue();
    }

    @Test
    void aRampFollowsTheIntegratedRate() {
        // warm-up 2 s at 100/s (200 requests), then 100 -> 300 req/s over 10 s: 2,000 requests measured
        LoadShape s = new LoadShape(LoadShape.Model.OPEN, 100, 300.0, 10, 2, 10);
        assertThat(s.intendedOffsetNanos(199)).isEqualTo(1_990_000_000L);
        assertThat(s.intendedOffsetNanos(200)).isEqualTo(2_000_000_000L);
        // arrivals by t into the ramp: 100 t + 10 t^2; t = 5 s gives 750 requests
        assertThat(s.intendedOffsetNanos(200 + 750) / 1e9).isCloseTo(7.0, within(1e-9));
        // the last of 2,000 ramp requests lands at the end of the ramp
        assertThat(s.intendedOffsetNanos(200 + 2_000) / 1e9).isCloseTo(12.0, within(1e-9));
        // a ramp down is the same arithmetic
        LoadShape down = new LoadShape(LoadShape.Model.OPEN, 300, 100.0, 10, 0, 10);
        assertThat(down.intendedOffsetNanos(2_000) / 1e9).isCloseTo(10.0, within(1e-9));
        assertThat(down.intendedOffsetNanos(1_500) / 1e9).isCloseTo(6.339746, within(1e-6)); // 300t - 10t^2 = 1500
    }

    @Test
    void theClosedModelDefinesNoIntendedStart() {
        LoadShape s = LoadShape.from(DriverConfig.read(LoadShape.settings(), Map.of("model", "closed", "users", "32"), Map.of()));
        assertThat(s.definesIntendedStart()).isFalse();
        assertThat(s.users()).isEqualTo(32);
        assertThat(s.correction()).contains("corrected = uncorrected");
        assertThat(s.describe()).isEqualTo("closed model, 32 users, 5 s warm-up + 30 s measured");
    }

    @Test
    void impossibleShapesAreRefused() {
        assertThatThrownBy(() -> new LoadShape(LoadShape.Model.OPEN, 0, null, 1, 0, 1)).isInstanceOf(BenchException.class)
                .hasMessageContaining("-Drate");
        assertThatThrownBy(() -> new LoadShape(LoadShape.Model.CLOSED, 1, null, 0, 0, 1)).hasMessageContaining("-Dusers");
        assertThatThrownBy(() -> new LoadShape(LoadShape.Model.OPEN, 1, null, 1, 0, 0)).hasMessageContaining("-Dduration");
    }
}
