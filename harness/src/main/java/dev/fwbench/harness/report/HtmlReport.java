package dev.fwbench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fwbench.harness.AtomicWrite;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.stats.Comparison;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one page that answers "how do they compare?", written into the first
 * directory it is given. Self-contained: the chart library, the styles, the script and the data
 * are inside it, so it opens from disk with no network; tables read without JavaScript.
 *
 * <p>Data flow: each directory is read as it lies ({@link ReportSource}: suite.json, run.json,
 * summary.json); the headline table is suite.json's medians and comparisons ({@link Headline});
 * the charts' numbers are computed here from the interval logs and resource samples
 * ({@link ChartData}: spectra, per-second series) and embedded as JSON; the page comes from the
 * precompiled JTE template {@code report.jte}, which escapes by context; the page's script hands
 * the JSON to uPlot ({@link ChartLibrary}).
 */
public final class HtmlReport {
    public static final String FILE = "report.html";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generated from src/main/jte by jte-maven-plugin into this package (harness/pom.xml). */
    private static final String TEMPLATES = "dev.fwbench.harness.report.page";

    private HtmlReport() {
    }

    /**
     * Writes the report of {@code dirs} into the first; returns its path.
     *
     * @param differences B against A when two suites are given ({@code bench compare}'s rows), else empty
     */
    public static Path write(List<Path> dirs, List<Difference> differences) {
        if (dirs.isEmpty()) {
            throw new BenchException("give at least one run or suite directory");
        }
        List<ReportSource> sources = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            sources.add(ReportSource.read(dirs.get(i), String.valueOf((char) ('A' + i))));
        }
        Path file = dirs.get(0).resolve(FILE);
        try {
            String html = render(page(sources, differences, dirs.get(0)));
            AtomicWrite.text(file, html);
        } catch (IOException e) {
            throw new BenchException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * The report at the end of a run ({@code bench run}, a Gatling simulation, {@code bench load}):
     * a failure is a warning, never the run's failure, since the results are on disk already.
     */
    public static void writeAfterRun(Path dir) {
        try {
            Path file = write(List.of(dir), List.of());
            Console.info("report: %s", file);
        } catch (RuntimeException | LinkageError e) {
            Console.warn("no report.html for %s (the results are intact; 'bench report %s' tries again): %s", dir, dir,
                    e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /** The report.html of a claims run ({@code bench claims}) into {@code dir}; returns its path. */
    public static Path writeClaims(Path dir, ClaimsPage page) {
        Path file = dir.resolve(FILE);
        TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
                HtmlReport.class.getClassLoader(), TEMPLATES);
        StringOutput out = new StringOutput(64 * 1024);
        engine.render("claims.jte", page, out);
        try {
            AtomicWrite.text(file, out.toString());
        } catch (IOException e) {
            throw new BenchException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The report's own style sheet, for pages of other kinds (a claims run's). */
    public static String styleSheet() {
        return ChartLibrary.asset("report.css", "</style");
    }

    static String render(ReportPage page) {
        TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
                HtmlReport.class.getClassLoader(), TEMPLATES);
        StringOutput out = new StringOutput(256 * 1024);
        engine.render("report.jte", page, out);
        return out.toString();
    }

    static ReportPage page(List<ReportSource> sources, List<Difference> differences, Path reportDir)
            throws IOException {
        List<String> targets = new ArrayList<>();
        sources.forEach(s -> s.targets().forEach(t -> {
            if (!targets.contains(t)) {
                targets.add(t);
            }
        }));
        ChartData data = ChartData.of(sources, targets, sloP99(sources));
        boolean several = sources.size() > 1;
        List<ReportPage.SourceRow> rows = new ArrayList<>();
        List<ReportPage.SuiteHeadline> headlines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ReportSource s : sources) {
            rows.add(new ReportPage.SourceRow(s.label(), s.dir().toString(), s.isSuite() ? "suite" : "run", detail(s)));
            Headline h = s.isSuite() ? Headline.ofSuite(s.suite()) : Headline.ofRuns(s.runs());
            headlines.add(new ReportPage.SuiteHeadline((several ? s.label() + ": " : "") + s.dir().getFileName(), h));
            warnings.addAll(warnings(s, several));
        }
        Map<String, String> runLabels = new LinkedHashMap<>();
        sources.forEach(s -> s.runs().forEach(r -> runLabels.putIfAbsent(r.runKey(), r.runLabel(several))));
        List<ReportPage.RunOption> runs = new ArrayList<>();
        runLabels.forEach((k, v) -> runs.add(new ReportPage.RunOption(k, v)));
        return new ReportPage(title(sources), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), rows, warnings,
                headlines, beforeAfter(sources, differences),
                spectra(data, false), spectra(data, true),
                data.timelines().stream().map(t -> new ReportPage.ChartBox(t.id(), t.group() + ": " + t.request())).toList(),
                data.sweeps().stream().map(s -> new ReportPage.ChartBox(s.id(), s.title())).toList(),
                data.resources().stream().map(r -> new ReportPage.ChartBox(r.id(), r.group())).toList(),
                runs, Provenance.of(sources, reportDir), JSON.writeValueAsString(data),
                ChartLibrary.asset("report.css", "</style"), ChartLibrary.asset("report.js", "</script"),
                ChartLibrary.load());
    }

    private static List<ReportPage.ChartBox> spectra(ChartData data, boolean webSocket) {
        return data.spectra().stream().filter(s -> s.webSocket() == webSocket)
                .map(s -> new ReportPage.ChartBox(s.id(), s.group() + ": " + s.request())).toList();
    }

    private static String title(List<ReportSource> sources) {
        ReportSource first = sources.get(0);
        String name = first.isSuite() ? "suite " + first.suite().path("plan").asText()
                : first.run().path("parameters").path("simulation").asText(first.dir().getFileName().toString());
        return "fwbench: " + String.join(" vs ", first.targets()) + " (" + name + (sources.size() > 1
                ? ", before / after" : "") + ")";
    }

    private static String detail(ReportSource s) {
        if (s.isSuite()) {
            JsonNode suite = s.suite();
            return String.format(Locale.ROOT, "plan %s, %d trials per cell, seed %s, %s, %d trials recorded",
                    suite.path("plan").asText(), suite.path("trialsPerCell").asInt(), suite.path("seed").asText(),
                    suite.path("outcome").asText(), suite.path("trials").size());
        }
        JsonNode run = s.run();
        return run.path("parameters").path("driver").asText("run") + " " + run.path("parameters").path("simulation")
                .asText("") + ", started " + run.path("startedAt").asText("?") + ", " + run.path("outcome").asText("");
    }

    /**
     * Said at the top: a saturated injector (its latencies hold its own queueing), failed trials, an
     * unfinished suite, a run or trials merged from shards that the merge found invalid.
     */
    private static List<String> warnings(ReportSource s, boolean several) {
        List<String> w = new ArrayList<>();
        String who = several ? s.label() + ": " : "";
        if (s.isSuite()) {
            long saturated = 0;
            long failed = 0;
            long invalid = 0;
            for (JsonNode t : s.suite().path("trials")) {
                boolean merged = false;
                for (JsonNode f : t.path("flags")) {
                    saturated += f.asText().equals("injector saturated") ? 1 : 0;
                    merged |= f.asText().startsWith("invalid: "); // suite.SuiteStatistics.INVALID: merged from shards
                }
                invalid += merged ? 1 : 0;
                String o = t.path("outcome").asText();
                failed += o.equals("ok") || o.equals("slo-broken") ? 0 : 1;
            }
            long untrustworthy = 0;
            for (JsonNode c : s.suite().path("comparisons")) {
                untrustworthy += c.path("trustworthy").asBoolean(true) ? 0 : 1;
            }
            if (saturated > 0) {
                w.add(who + "the injector was saturated (CPU or schedule lag) in " + saturated + " trial(s): their latencies "
                        + "include the injector's own queueing, and " + untrustworthy + " comparison(s) are marked "
                        + "untrustworthy (the ratio may be the injector's, not the targets')");
            }
            if (failed > 0) {
                w.add(who + failed + " trial(s) have no numbers (failed or interrupted): see Provenance, trials");
            }
            if (invalid > 0) {
                w.add(who + invalid + " trial(s) were merged from shards one of which fell behind (invalid: see each "
                        + "trial's flags): the comparisons using them are marked untrustworthy");
            }
            if (!s.suite().path("outcome").asText().equals("completed")) {
                w.add(who + "the suite is " + s.suite().path("outcome").asText() + ": not every planned trial ran");
            }
        } else {
            List<String> reasons = new ArrayList<>();
            s.run().path("invalidReasons").forEach(r -> reasons.add(r.asText()));
            boolean saturated = s.runs().stream().anyMatch(r -> r.summary().path("injectorCpu").path("saturated")
                    .asBoolean(false) || r.summary().path("lag").path("saturated").asBoolean(false));
            if (saturated || (reasons.isEmpty() && !s.run().path("trustworthy").asBoolean(true))) {
                w.add(who + "the injector was saturated (CPU or schedule lag): latencies include its own queueing");
            }
            if (!reasons.isEmpty()) { // a run merged from shards ('bench merge'): its run.json says why it is invalid
                w.add(who + "merged from " + s.run().path("shards").size() + " shards, INVALID: " + String.join("; ",
                        reasons));
            }
        }
        return w;
    }

    /** The p99 SLO (ms) of each workload, as its first run recorded the setting (-Dslo.p99.ms, or the plan's). */
    private static Map<String, Double> sloP99(List<ReportSource> sources) {
        Map<String, Double> slo = new LinkedHashMap<>();
        for (ReportSource s : sources) {
            for (MeasuredRun r : s.runs()) {
                if (!slo.containsKey(r.workload())) {
                    JsonNode v = ReportSource.json(r.runDir().resolve("run.json")).path("settings").path("slo.p99.ms")
                            .path("value");
                    slo.put(r.workload(), v.isNumber() ? v.asDouble() : null);
                }
            }
        }
        return slo;
    }

    private static ReportPage.BeforeAfter beforeAfter(List<ReportSource> sources, List<Difference> differences) {
        if (differences.isEmpty() || sources.size() < 2) {
            return null;
        }
        // a cell whose trials had a saturated injector, in either suite: its ratios may be the injector's
        List<String> saturated = new ArrayList<>();
        for (ReportSource s : sources.subList(0, 2)) {
            s.suite().path("cells").forEach(c -> c.path("flags").forEach(f -> {
                if (f.asText().equals("injector saturated")) {
                    saturated.add(c.path("id").asText());
                }
            }));
        }
        Map<String, List<ReportPage.Row>> byCell = new LinkedHashMap<>();
        for (Difference d : differences) {
            Comparison c = d.comparison();
            JsonNode tree = JSON.valueToTree(c);
            String unit = c.metric().unit();
            byCell.computeIfAbsent(d.cell(), k -> new ArrayList<>()).add(new ReportPage.Row(d.request().equals("*")
                    ? "(per trial)" : d.request(), d.metric(), d.gated(), Headline.median(tree.path("a"), unit),
                    Headline.median(tree.path("b"), unit), Headline.ratio(tree), !saturated.contains(d.cell())));
        }
        List<ReportPage.CellRows> cells = new ArrayList<>();
        byCell.forEach((cell, rows) -> cells.add(new ReportPage.CellRows(cell, rows)));
        return new ReportPage.BeforeAfter(sources.get(0).dir().getFileName().toString(),
                sources.get(1).dir().getFileName().toString(), cells);
    }
}
