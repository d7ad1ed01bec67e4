package dev.fwbench.harness.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;
import org.junit.jupiter.api.Test;

class ResourceLimitsTest {
    private static final int HOST = Runtime.getRuntime().availableProcessors();

    @Test
    void cpusAreTheLastCoresOfTheHost() {
        assertThat(ResourceLimits.of(1, null).cpuset()).isEqualTo(Integer.toString(HOST - 1));
        assertThat(ResourceLimits.of(null, null).cpuset()).isEqualTo(HOST == 1 ? "0" : "0-" + (HOST - 1));
        assertThat(ResourceLimits.of(null, null).explicit()).isFalse();
        assertThat(ResourceLimits.of(HOST, null).cpus()).isEqualTo(HOST);
        assertThatThrownBy(() -> ResourceLimits.of(0, null)).isInstanceOf(BenchException.class).hasMessageContaining("--server-cpus");
        assertThatThrownBy(() -> ResourceLimits.of(HOST + 1, null)).isInstanceOf(BenchException.class);
    }

    @Test
    void memorySizesParseWithUnits() {
        assertThat(ResourceLimits.of(null, null).memoryBytes()).isEqualTo(2L << 30);
        assertThat(ResourceLimits.of(null, "512m").memoryBytes()).isEqualTo(512L << 20);
        assertThat(ResourceLimits.of(null, "1.5g").memoryBytes()).isEqualTo(3L << 29);
        assertThat(ResourceLimits.of(null, "2GB").memoryBytes()).isEqualTo(2L << 30);
        assertThat(ResourceLimits.of(null, "none").memoryBytes()).isZero();
        assertThatThrownBy(() -> ResourceLimits.of(null, "lots")).hasMessageContaining("512m, 2g");
        assertThatThrownBy(() -> ResourceLimits.of(null, "10m")).hasMessageContaining("at least 64m");
    }
}
