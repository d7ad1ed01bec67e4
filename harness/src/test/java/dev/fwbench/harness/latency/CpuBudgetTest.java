package dev.fwbench.harness.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fwbench.harness.HostCpus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The injector's CPU budget: pinned, unpinned, shared with the targets; one-second samples by hand. */
class CpuBudgetTest {

    @Test
    void pinnedAloneCountsItsOwnCoreOnly() {
        CpuBudget pinned = new CpuBudget(1, List.of(0), false, "injector on core 0, targets on core 1: not shared");
        assertThat(pinned.fraction(0.95, 1.0, 0.0)).isCloseTo(0.95, within(1e-9));
        // idle elsewhere does not matter when nothing else runs on its core
        assertThat(pinned.fraction(0.30, 1.0, 0.7)).isCloseTo(0.30, within(1e-9));
    }

    @Test
    void unpinnedOnTwoCoresIsAFractionOfBoth() {
        CpuBudget unpinned = new CpuBudget(2, List.of(0, 1), false, "targets on another host");
        assertThat(unpinned.fraction(1.0, 1.0, 1.0)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void sharedCoresCountAgainstWhatTheTargetsLeave() {
        CpuBudget shared = new CpuBudget(2, List.of(0, 1), true, "shared");
        // the server takes 1.7 cores, the injector 0.2: 0.1 s idle left -> 0.2 / 0.3
        assertThat(shared.fraction(0.2, 1.0, 0.1)).isCloseTo(0.2 / 0.3, within(1e-9));
        // no idle left: the injector had nothing to spare, however little it used
        assertThat(shared.fraction(0.05, 1.0, 0.0)).isEqualTo(1.0);
        // plenty of idle: its own share
        assertThat(shared.fraction(0.2, 1.0, 1.5)).isCloseTo(0.2 / 1.7, within(1e-9));
    }

    @Test
    void aSaturatedSharedInjectorIsFlaggedByTheP90Rule() throws Exception {
        InjectorCpu cpu = new InjectorCpu(new CpuBudget(1, List.of(0), false, "pinned"), 0.9);
        assertThat(cpu.report().saturated()).isFalse();
        assertThat(cpu.report().rule()).contains("wall time x 1.0 cores");
        InjectorCpu shared = new InjectorCpu(new CpuBudget(2, List.of(0, 1), true, "shared"), 0.9);
        assertThat(shared.report().rule()).contains("idle of its 2.0 cores");
    }

    @Test
    void detectsSharingFromTheCoreLists() {
        List<Integer> mine = HostCpus.affinity();
        assertThat(CpuBudget.detect(null).shared()).as("a service of this host: assume its cores").isTrue();
        assertThat(CpuBudget.detect(List.of()).shared()).as("on another host").isFalse();
        assertThat(CpuBudget.detect(mine).shared()).isTrue();
        assertThat(CpuBudget.detect(List.of(9_999)).shared()).as("cores the injector does not have").isFalse();
        assertThat(CpuBudget.detect(List.of()).coreCount()).isEqualTo(mine.size());
        assertThat(CpuBudget.given(1.5).coreCount()).isEqualTo(1.5);
    }

    @Test
    void parsesTheKernelsCpuLists() {
        assertThat(HostCpus.parseList("0-2,5")).containsExactly(0, 1, 2, 5);
        assertThat(HostCpus.parseList(" 1 ")).containsExactly(1);
        assertThat(HostCpus.online()).isNotEmpty();
    }
}
