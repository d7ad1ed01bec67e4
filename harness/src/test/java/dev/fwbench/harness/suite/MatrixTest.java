package dev.fwbench.harness.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trial order: blocks, every cell once per block, each block shuffled by the seed, the same for the same seed. */
class MatrixTest {
    private static final Plan PLAN = Plan.parse(LocatedYaml.parse("""
            name: order
            trials: 6
            targets: [{name: a, framework: nestjs}, {name: b, framework: django}]
            workloads: [{name: w, simulation: RestSimulation}, {name: v, simulation: DbSimulation}]
            """, "t.yaml"));

    @Test
    void everyBlockHoldsEveryCellOnce() {
        List<Cell> cells = Matrix.cells(PLAN);
        List<Matrix.Slot> slots = Matrix.order(cells, 6, 42);
        assertThat(slots).hasSize(24);
        for (int t = 1; t <= 6; t++) {
            int trial = t;
            assertThat(slots.stream().filter(s -> s.trial() == trial).map(s -> s.cell().id()))
                    .containsExactlyInAnyOrder("a/w", "a/v", "b/w", "b/v");
        }
        assertThat(slots).extracting(Matrix.Slot::order).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 24).boxed().toList());
        assertThat(slots.get(0).folder()).matches("001-[ab]-[wv]-t1");
    }

    @Test
    void theSeedFixesTheOrderAndDifferentBlocksDiffer() {
        List<Cell> cells = Matrix.cells(PLAN);
        assertThat(ids(Matrix.order(cells, 6, 42))).isEqualTo(ids(Matrix.order(cells, 6, 42)));
        assertThat(ids(Matrix.order(cells, 6, 42))).isNotEqualTo(ids(Matrix.order(cells, 6, 43)));
        List<String> blocks = new ArrayList<>();
        List<Matrix.Slot> slots = Matrix.order(cells, 6, 42);
        for (int t = 0; t < 6; t++) {
            blocks.add(String.join(",", ids(slots.subList(t * 4, t * 4 + 4))));
        }
        assertThat(blocks.stream().distinct().count()).as("randomised blocks, not one order repeated").isGreaterThan(1);
    }

    private static List<String> ids(List<Matrix.Slot> slots) {
        return slots.stream().map(s -> s.cell().id()).toList();
    }
}
