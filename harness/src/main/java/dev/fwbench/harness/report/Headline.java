package dev.fwbench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.latency.IntervalLog;
import dev.fwbench.harness.results.ResourceSamples;
import dev.fwbench.harness.stats.NumberText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The headline table: per workload (and sweep point) and request, a row per target with its
 * throughput, latencies, errors, client floor, CPU per 1,000 requests and peak memory, then a
 * row per comparison with the ratio, its confidence interval and the verdict word.
 *
 * <p>For a suite every number is read from suite.json: a target's figure is its cell's median
 * across trials ({@code cells[].requests.<request>.<metric>.median}), a ratio is the runner's
 * comparison of that cell against the plan's first target on the same workload
 * ({@code comparisons[]}, kind {@code targets}), with its verdict word as the runner wrote it.
 * For a single run, the figures are its {@code summary.json}'s, CPU and memory from its
 * {@code resources/} over the target's measured window, and there is no ratio: one run per
 * side gives no confidence interval.
 */
public record Headline(List<Column> columns, List<Group> groups, List<Answer> answers, String basis) {

    /** A column: its heading, its unit, the metric key in suite.json and the request key its comparison is under. */
    public record Column(String heading, String unit, String metric, boolean perRequest, boolean compared) {
    }

    /** The columns, in order: what the issue asks the table to show, and the injector's floor beside the latencies. */
    static final List<Column> COLUMNS = List.of(
            new Column("throughput", "req/s", "throughput", true, true),
            new Column("p50", "ms", "p50", true, true),
            new Column("p99", "ms", "p99", true, true),
            new Column("p99.9", "ms", "p999", true, true),
            new Column("errors", "%", "errors", true, false),
            new Column("client floor p50 / p99", "ms", "floor", true, false),
            new Column("CPU", "CPU-s per 1,000 req", "cpu", false, true),
            new Column("peak memory", "MiB", "memory", false, true));

    public record Group(String title, List<RequestBlock> requests) {
    }

    public record RequestBlock(String request, List<TargetRow> targets, List<RatioRow> ratios) {
    }

    /** @param trials "3 of 3 trials", "1 run" */
    public record TargetRow(String target, String trials, List<Figure> figures, List<String> flags) {
    }

    /** B against A: {@code label} "django / nestjs"; {@code trustworthy} false when an injector saturated in either cell. */
    public record RatioRow(String label, List<Figure> figures, boolean trustworthy, List<String> flags) {
    }

    /**
     * One sentence answering "which is faster, by how much, how sure": a comparison of throughput
     * or p99. {@code subject} "db, p99", {@code verdict} "django is slower than nestjs" (or "no
     * difference detected between...", "too few trials to decide between..."), {@code estimate}
     * "django / nestjs = 2.31 [1.80, 2.90], 95.2 % confidence interval", {@code detail} trials and p.
     */
    public record Answer(String subject, String verdict, String estimate, String detail, String look, boolean trustworthy) {
    }

    // ---- a suite: everything from suite.json ----

    static Headline ofSuite(JsonNode suite) {
        Map<String, JsonNode> cells = new LinkedHashMap<>();
        suite.path("cells").forEach(c -> cells.put(c.path("id").asText(), c));
        Map<String, List<JsonNode>> byGroup = new LinkedHashMap<>();
        cells.values().forEach(c -> byGroup.computeIfAbsent(c.path("workload").asText()
                + ReportSource.pointText(c.path("point")), k -> new ArrayList<>()).add(c));
        List<Group> groups = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        byGroup.forEach((title, groupCells) -> {
            List<String> requests = new ArrayList<>();
            groupCells.forEach(c -> c.path("requests").fieldNames().forEachRemaining(r -> {
                if (!r.equals("*") && !requests.contains(r)) {
                    requests.add(r);
                }
            }));
            List<RequestBlock> blocks = new ArrayList<>();
            for (String request : requests) {
                List<TargetRow> rows = new ArrayList<>();
                List<RatioRow> ratios = new ArrayList<>();
                for (JsonNode c : groupCells) {
                    rows.add(targetRow(c, request));
                    for (JsonNode cmp : suite.path("comparisons")) {
                        if (cmp.path("kind").asText().equals("targets") && cmp.path("cellB").asText().equals(c.path("id").asText())
                                && cells.containsKey(cmp.path("cellA").asText())) {
                            // the first comparison naming this pair settles the row; the loop below fills its columns
                            if (ratios.stream().noneMatch(r -> r.label().equals(label(cells, cmp)))) {
                                ratios.add(ratioRow(suite, cells, cmp.path("cellA").asText(), c.path("id").asText(), request,
                                        title, answers));
                            }
                        }
                    }
                }
                blocks.add(new RequestBlock(request, rows, ratios));
            }
            groups.add(new Group(title, blocks));
        });
        return new Headline(COLUMNS, groups, answers, "Each figure is the median across the cell's trials "
                + "(suite.json, cells[]); hover or print for min, max and CV. Ratios are B/A, the runner's Hodges-Lehmann "
                + "estimate with its exact Mann-Whitney confidence interval; the verdict is the runner's, on the "
                + "Holm-adjusted p over the whole suite.");
    }

    private static String label(Map<String, JsonNode> cells, JsonNode cmp) {
        return cells.get(cmp.path("cellB").asText()).path("target").asText() + " / "
                + cells.get(cmp.path("cellA").asText()).path("target").asText();
    }

    private static TargetRow targetRow(JsonNode cell, String request) {
        JsonNode m = cell.path("requests").path(request);
        JsonNode whole = cell.path("requests").path("*");
        List<Figure> figures = new ArrayList<>();
        for (Column col : COLUMNS) {
            if (col.metric().equals("floor")) {
                figures.add(floor(m.path("floorP50"), m.path("floorP99")));
            } else if (col.metric().equals("errors")) {
                figures.add(errors(m.path("errors"), cell.path("trialsWithNumbers").asInt()));
            } else {
                figures.add(median(col.perRequest() ? m.path(col.metric()) : whole.path(col.metric()), col.unit()));
            }
        }
        List<String> flags = new ArrayList<>();
        cell.path("flags").forEach(f -> flags.add(f.asText()));
        return new TargetRow(cell.path("target").asText(), cell.path("trialsWithNumbers").asInt() + " of "
                + cell.path("trials").asInt() + " trials", figures, flags);
    }

    /** A cell's median, with how it was obtained (min, max, CV) and whether it is noisy. */
    static Figure median(JsonNode stats, String unit) {
        if (stats.isMissingNode() || !stats.has("median")) {
            return Figure.NONE;
        }
        int trials = stats.path("trials").asInt();
        StringBuilder how = new StringBuilder(String.format(Locale.ROOT, "median of %d trial%s (suite.json)", trials,
                trials == 1 ? "" : "s"));
        if (trials > 1) {
            how.append(String.format(Locale.ROOT, ": min %s, max %s %s", Figure.value(stats.path("min").asDouble()),
                    Figure.value(stats.path("max").asDouble()), unit));
            if (stats.hasNonNull("cv")) {
                how.append(", CV ").append(NumberText.percent(stats.path("cv").asDouble()));
            }
        }
        boolean noisy = stats.path("noisy").asBoolean(false);
        if (noisy) {
            how.append(" - noisy: CV above ").append(NumberText.percent(stats.path("noiseLimit").asDouble()));
        }
        return new Figure(Figure.value(stats.path("median").asDouble()), noisy ? "noisy" : "", how.toString(),
                noisy ? "noisy" : "");
    }

    /**
     * The errors in %: suite.json keeps a metric's positive values only (they are ratios' inputs),
     * so a cell without any error has no errors entry, and one with errors in some trials has
     * the median of those trials alone: both said as such.
     */
    private static Figure errors(JsonNode stats, int trialsWithNumbers) {
        if (!stats.has("median")) {
            return trialsWithNumbers == 0 ? Figure.NONE : Figure.of("0", "no error in any of the " + trialsWithNumbers
                    + " trials (suite.json)");
        }
        Figure f = median(stats, "%");
        int withErrors = stats.path("trials").asInt();
        return withErrors >= trialsWithNumbers ? f : new Figure(f.text(), withErrors + " of " + trialsWithNumbers
                + " trials", f.how() + "; " + (trialsWithNumbers - withErrors) + " trial(s) had none and are not in the median",
                "worse");
    }

    private static Figure floor(JsonNode p50, JsonNode p99) {
        if (!p50.has("median") || !p99.has("median")) {
            return Figure.missing("the client floor was not measured (-Dclient.floor.seconds=0, JMH, or a custom "
                    + "injection)");
        }
        return Figure.of(Figure.value(p50.path("median").asDouble()) + " / " + Figure.value(p99.path("median").asDouble()),
                "the injector's own round trip against its in-process baseline, same requests and rate: median of the "
                        + "trials' floor p50 / p99 (suite.json). A target's latency cannot be told apart below it.");
    }

    private static RatioRow ratioRow(JsonNode suite, Map<String, JsonNode> cells, String cellA, String cellB, String request,
                                     String group, List<Answer> answers) {
        List<Figure> figures = new ArrayList<>();
        boolean trustworthy = true;
        List<String> flags = new ArrayList<>();
        String label = cells.get(cellB).path("target").asText() + " / " + cells.get(cellA).path("target").asText();
        for (Column col : COLUMNS) {
            JsonNode found = null;
            if (col.compared()) {
                for (JsonNode cmp : suite.path("comparisons")) {
                    if (cmp.path("kind").asText().equals("targets") && cmp.path("cellA").asText().equals(cellA)
                            && cmp.path("cellB").asText().equals(cellB) && cmp.path("metric").asText().equals(col.metric())
                            && cmp.path("request").asText().equals(col.perRequest() ? request : "*")) {
                        found = cmp;
                    }
                }
            }
            if (found == null) {
                figures.add(new Figure("", "", col.compared() ? "not compared: a side has no value" : "not compared",
                        "missing"));
                continue;
            }
            trustworthy &= found.path("trustworthy").asBoolean(true);
            found.path("flags").forEach(f -> {
                if (!flags.contains(f.asText())) {
                    flags.add(f.asText());
                }
            });
            Figure f = ratio(found.path("comparison"));
            figures.add(f);
            if (col.metric().equals("p99") || col.metric().equals("throughput")) {
                String[] t = request.equals(group) ? new String[] {group} : new String[] {group, request};
                answers.add(answer(String.join(", ", t) + ", " + col.heading(), cells.get(cellB).path("target").asText(),
                        cells.get(cellA).path("target").asText(), found.path("comparison"),
                        found.path("trustworthy").asBoolean(true)));
            }
        }
        return new RatioRow(label, figures, trustworthy, flags);
    }

    /** "1.35 [1.10, 1.62]" over "slower": the runner's ratio, interval and verdict word; its reason as how. */
    static Figure ratio(JsonNode c) {
        String text = NumberText.ratio(c.path("ratio").asDouble()) + " [" + NumberText.ratio(c.path("ciLow").asDouble())
                + ", " + NumberText.ratio(c.path("ciHigh").asDouble()) + "]";
        String how = "B/A with its " + NumberText.confidence(c.path("ciConfidence").asDouble()) + " confidence interval; "
                + c.path("reason").asText();
        return new Figure(text, c.path("verdictWord").asText(), how, look(c.path("verdict").asText()));
    }

    private static String look(String verdict) {
        return switch (verdict) {
            case "BETTER" -> "better";
            case "WORSE" -> "worse";
            case "NO_DIFFERENCE" -> "same";
            default -> "undecided";
        };
    }

    /** The runner's comparison of B against A as a sentence; the verdict is its word, never decided here. */
    static Answer answer(String subject, String b, String a, JsonNode c, boolean trustworthy) {
        String verdict = switch (c.path("verdict").asText()) {
            case "BETTER", "WORSE" -> b + " is " + c.path("verdictWord").asText() + " than " + a;
            case "NO_DIFFERENCE" -> "no difference detected between " + b + " and " + a;
            default -> "too few trials to decide between " + b + " and " + a;
        };
        String estimate = String.format(Locale.ROOT, "%s / %s = %s [%s, %s], %s confidence interval", b, a,
                NumberText.ratio(c.path("ratio").asDouble()), NumberText.ratio(c.path("ciLow").asDouble()),
                NumberText.ratio(c.path("ciHigh").asDouble()), NumberText.confidence(c.path("ciConfidence").asDouble()));
        String detail = String.format(Locale.ROOT, "%d + %d trials, p = %s, Holm-adjusted %s", c.path("trialsA").asInt(),
                c.path("trialsB").asInt(), NumberText.p(c.path("p").asDouble()), NumberText.p(c.path("pHolm").asDouble()));
        return new Answer(subject, verdict, estimate, detail, look(c.path("verdict").asText()), trustworthy);
    }

    // ---- a single run: its summary.json and resources/ ----

    static Headline ofRuns(List<MeasuredRun> runs) {
        Map<String, List<MeasuredRun>> byGroup = new LinkedHashMap<>();
        runs.forEach(r -> byGroup.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(r));
        List<Group> groups = new ArrayList<>();
        byGroup.forEach((title, groupRuns) -> {
            List<String> requests = new ArrayList<>();
            groupRuns.forEach(r -> r.summary().path("requests").forEach(q -> {
                if (!requests.contains(q.path("name").asText())) {
                    requests.add(q.path("name").asText());
                }
            }));
            List<RequestBlock> blocks = new ArrayList<>();
            for (String request : requests) {
                List<TargetRow> rows = new ArrayList<>();
                for (MeasuredRun r : groupRuns) {
                    rows.add(runRow(r, request));
                }
                blocks.add(new RequestBlock(request, rows, List.of()));
            }
            groups.add(new Group(title, blocks));
        });
        return new Headline(COLUMNS, groups, List.of(), "One run: each figure is that run's (summary.json, HdrHistogram, "
                + "corrected from the intended start); CPU and memory from resources/ over the target's measured window. "
                + "One run per side gives no confidence interval: 'bench run' repeats trials and gives ratios and verdicts.");
    }

    private static TargetRow runRow(MeasuredRun r, String request) {
        JsonNode q = null;
        for (JsonNode x : r.summary().path("requests")) {
            if (x.path("name").asText().equals(request)) {
                q = x;
            }
        }
        List<Figure> figures = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        if (q == null) {
            COLUMNS.forEach(c -> figures.add(Figure.NONE));
            return new TargetRow(r.target(), "1 run", figures, flags);
        }
        long count = q.path("count").asLong();
        long errors = q.path("errors").asLong();
        String from = "this run's summary.json";
        JsonNode c = q.path("correctedMs");
        figures.add(Figure.of(Figure.value(q.path("throughputPerSecond").asDouble()), String.format(Locale.ROOT,
                "%d requests completed over %.1f s (%s)", count, q.path("durationSeconds").asDouble(), from)));
        for (String p : new String[] {"p50", "p99", "p999"}) {
            figures.add(Figure.of(Figure.value(c.path(p).asDouble()), "HdrHistogram, corrected from the intended start ("
                    + from + "); uncorrected: " + Figure.value(q.path("uncorrectedMs").path(p).asDouble()) + " ms"));
        }
        figures.add(Figure.of(Figure.value(count == 0 ? 0 : 100.0 * errors / count), errors + " of " + count + " requests"));
        JsonNode floor = r.summary().path("clientFloorMs").path(request);
        figures.add(floor.isMissingNode() ? Figure.missing("the client floor was not measured")
                : Figure.of(Figure.value(floor.path("p50").asDouble()) + " / " + Figure.value(floor.path("p99").asDouble()),
                "the injector's own round trip against its in-process baseline, same requests and rate (" + from + ")"));
        ResourceSamples.Use use = use(r);
        long measured = 0;
        for (JsonNode x : r.summary().path("requests")) {
            measured += x.path("count").asLong();
        }
        if (use == null || measured == 0) {
            figures.add(Figure.missing("no resource samples over the measured window"));
            figures.add(Figure.missing("no resource samples"));
        } else {
            figures.add(Figure.of(Figure.value(use.appCpuSeconds() / (measured / 1000.0)), String.format(Locale.ROOT,
                    "%.1f CPU-s of the target's processes or containers (app and front, not PostgreSQL) over its measured "
                            + "window, per 1,000 of its %d requests (resources/)", use.appCpuSeconds(), measured)));
            figures.add(use.peakMemoryBytes() > 0 ? Figure.of(Figure.value(use.peakMemoryBytes() / 1048576.0),
                    "largest memory sample of the target's services (resources/)") : Figure.NONE);
        }
        if (errors > 0) {
            flags.add("errors");
        }
        if (r.summary().path("injectorCpu").path("saturated").asBoolean(false)
                || r.summary().path("lag").path("saturated").asBoolean(false)) {
            flags.add("injector saturated");
        }
        return new TargetRow(r.target(), "1 run", figures, flags);
    }

    /**
     * The target's own resource use over its measured window (the span of its corrected logs'
     * non-empty intervals). A single run may hold both targets' services: a service is the
     * target's when its name contains the target's ({@code nestjs-express}, {@code nginx-django-gunicorn}).
     */
    private static ResourceSamples.Use use(MeasuredRun r) {
        if (r.hdrDir() == null) {
            return null;
        }
        try {
            List<ResourceSamples> samples = ResourceSamples.readAll(r.runDir().resolve("resources"));
            IntervalLog.Span span;
            try (Stream<Path> logs = Files.list(r.hdrDir())) {
                span = IntervalLog.measuredSpan(logs.filter(p -> p.toString().endsWith(".corrected.hlog")).toList());
            }
            return samples.isEmpty() || span == null ? null
                    : ResourceSamples.Use.of(samples, s -> s.service().contains(r.target()), span.fromMs(), span.toMs());
        } catch (IOException e) {
            return null;
        }
    }
}
