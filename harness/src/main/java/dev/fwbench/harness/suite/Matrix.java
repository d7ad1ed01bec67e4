package dev.fwbench.harness.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A plan's cells (every target x workload x combination of swept values) and the order their
 * trials run in: trial 1 of every cell, then trial 2 of every cell..., each block in an order
 * of its own drawn from the plan's seed. Two targets' trials therefore alternate (A B, B A,
 * A B...) and a machine that drifts over the run (thermal, another tenant) hits both alike,
 * and the same seed gives the same order again (for {@code --resume}).
 */
public final class Matrix {
    private Matrix() {
    }

    /** One trial of one cell: its place in the run. */
    public record Slot(int order, int trial, Cell cell) {
        /** The trial's folder name: {@code 007-django-json-workers-5-t2}. */
        public String folder() {
            return String.format("%03d-%s-t%d", order, cell.id().replaceAll("[^A-Za-z0-9._-]+", "-"), trial);
        }
    }

    public static List<Cell> cells(Plan plan) {
        List<Cell> cells = new ArrayList<>();
        for (Plan.PlanTarget t : plan.targets()) {
            for (Plan.Workload w : plan.workloads()) {
                Map<String, List<String>> all = new LinkedHashMap<>(t.settings());
                w.settings().forEach(all::put);
                w.params().forEach(all::put);
                for (Map<String, String> combination : product(all)) {
                    Map<String, String> point = new LinkedHashMap<>();
                    all.forEach((k, v) -> {
                        if (v.size() > 1) {
                            point.put(k, combination.get(k));
                        }
                    });
                    String id = t.name() + "/" + w.name();
                    Cell proto = new Cell(id, t, w, point, combination);
                    cells.add(point.isEmpty() ? proto : new Cell(id + "/" + proto.pointText(), t, w, point, combination));
                }
            }
        }
        return cells;
    }

    /** Every combination of one value per key, in the keys' order (the last key varies fastest). */
    static List<Map<String, String>> product(Map<String, List<String>> values) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** The trials in the order they run: block by block, each block shuffled by the seed. */
    public static List<Slot> order(List<Cell> cells, int trials, long seed) {
        List<Slot> slots = new ArrayList<>();
        int order = 1;
        for (int t = 1; t <= trials; t++) {
            List<Cell> block = new ArrayList<>(cells);
            Collections.shuffle(block, new Random(seed * 1_000_003L + t));
            for (Cell c : block) {
                slots.add(new Slot(order++, t, c));
            }
        }
        return slots;
    }
}
