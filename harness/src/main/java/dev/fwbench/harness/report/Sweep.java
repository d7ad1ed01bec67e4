package dev.fwbench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sweep of a suite: the cells of one target and workload that differ in one numeric setting
 * ({@code users}, {@code workers}, {@code rate}...), with the medians suite.json gives for
 * each point. Two charts are drawn from it: throughput against the swept setting beside the
 * ideal linear line, and p50 / p99 against the achieved throughput with the SLO.
 *
 * <ul>
 * <li><b>ideal</b>: the first point's throughput scaled by x / x0, what perfect scaling would give.
 * <li><b>knee</b>: the last point whose throughput is still at least {@value #KNEE_EFFICIENCY}
 *     of the ideal line, provided a later point falls below it (null while every point scales).
 *     Worked numbers: 1, 2, 4, 8 users at 1,000, 1,950, 3,500, 4,100 req/s are 100 %, 98 %,
 *     88 %, 51 % of ideal: the knee is 4 users.
 * <li><b>SLO capacity</b>: the largest x whose p99 median is within the plan's
 *     {@code slo.p99.ms} (null without an SLO, or when no point meets it).
 * </ul>
 */
record Sweep(String id, String title, String group, String key, Double sloP99Ms, List<Line> lines) {
    static final double KNEE_EFFICIENCY = 0.8;

    /** One target's points, in increasing x. */
    record Line(String source, String target, List<Double> x, List<Double> throughput, List<Double> p50,
                List<Double> p99, List<Double> ideal, Double kneeX, Double sloCapacityX) {
    }

    /**
     * Every numeric sweep of a suite: cells grouped by target, workload and every point value
     * but one; a group of two or more cells is a sweep of that one key.
     *
     * @param sloP99 the plan's p99 SLO per workload name (ms), where it set one
     */
    static List<Sweep> of(String source, JsonNode suite, Map<String, Double> sloP99) {
        Map<String, Map<String, TreeMap<Double, JsonNode>>> byKey = new LinkedHashMap<>();
        for (JsonNode cell : suite.path("cells")) {
            Map<String, String> point = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = cell.path("point").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                point.put(e.getKey(), e.getValue().asText());
            }
            for (String key : point.keySet()) {
                Double x = number(point.get(key));
                if (x == null) {
                    continue;
                }
                Map<String, String> rest = new LinkedHashMap<>(point);
                rest.remove(key);
                String sweep = cell.path("workload").asText() + "|" + key + "|" + rest;
                byKey.computeIfAbsent(sweep, k -> new LinkedHashMap<>())
                        .computeIfAbsent(cell.path("target").asText(), k -> new TreeMap<>()).put(x, cell);
            }
        }
        List<Sweep> sweeps = new ArrayList<>();
        byKey.forEach((sweep, targets) -> {
            String[] parts = sweep.split("\\|", 3);
            if (targets.values().stream().noneMatch(points -> points.size() >= 2)) {
                return;
            }
            String workload = parts[0];
            String key = parts[1];
            String rest = parts[2].equals("{}") ? "" : " at " + parts[2].replaceAll("[{}]", "");
            Double slo = sloP99.get(workload);
            List<Line> lines = new ArrayList<>();
            targets.forEach((target, points) -> {
                if (points.size() >= 2) {
                    lines.add(line(source, target, points, slo));
                }
            });
            sweeps.add(new Sweep("sweep-" + source + "-" + sweeps.size(), workload + ": " + key + " swept" + rest, workload,
                    key, slo, lines));
        });
        return sweeps;
    }

    /** The points of one target: throughput, p50 and p99 medians summed over its requests (throughput) or their worst (latency). */
    static Line line(String source, String target, TreeMap<Double, JsonNode> points, Double slo) {
        List<Double> x = new ArrayList<>();
        List<Double> throughput = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        points.forEach((value, cell) -> {
            double t = 0;
            Double l50 = null;
            Double l99 = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = cell.path("requests").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                if (r.getKey().equals("*")) {
                    continue;
                }
                t += r.getValue().path("throughput").path("median").asDouble();
                l50 = max(l50, r.getValue().path("p50"));
                l99 = max(l99, r.getValue().path("p99"));
            }
            x.add(value);
            throughput.add(Spectrum.round(t, 1));
            p50.add(l50);
            p99.add(l99);
        });
        List<Double> ideal = new ArrayList<>();
        Double knee = null;
        boolean fellBelow = false;
        for (int i = 0; i < x.size(); i++) {
            double perfect = throughput.get(0) * x.get(i) / x.get(0);
            ideal.add(Spectrum.round(perfect, 1));
            if (!fellBelow && throughput.get(i) >= KNEE_EFFICIENCY * perfect) {
                knee = x.get(i);
            } else {
                fellBelow = true;
            }
        }
        Double capacity = null;
        if (slo != null) {
            for (int i = 0; i < x.size(); i++) {
                if (p99.get(i) != null && p99.get(i) <= slo) {
                    capacity = x.get(i);
                }
            }
        }
        return new Line(source, target, x, throughput, p50, p99, ideal, fellBelow ? knee : null, capacity);
    }

    private static Double max(Double sofar, JsonNode stats) {
        if (!stats.has("median")) {
            return sofar;
        }
        double m = stats.path("median").asDouble();
        return sofar == null ? m : Math.max(sofar, m);
    }

    private static Double number(String s) {
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) && v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
