package dev.fwbench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.latency.IntervalLog;
import dev.fwbench.harness.latency.LatencyCapture;
import dev.fwbench.harness.results.ResourceSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * What the page's charts draw, embedded in it as JSON: per-second series and percentile
 * spectra computed here from the interval logs (never the raw histograms, which would make
 * the page megabytes), resource samples, and the sweeps' medians from suite.json. The page's
 * script only hands these numbers to the chart library.
 *
 * @param targets  every target, in the order of the first source: a target keeps its colour in every chart
 * @param spectra  per workload group and request: a line per run and target (and the client floor), corrected and uncorrected
 * @param timelines per workload group and request: the per-second series of each run
 * @param resources per workload group: every service's CPU and memory of each run
 * @param sweeps   the suites' numeric sweeps
 */
record ChartData(List<String> targets, List<String> sources, List<SpectrumChart> spectra,
                 List<TimelineChart> timelines, List<ResourceChart> resources, List<Sweep> sweeps) {

    /** @param x the grid of 1 / (1 - p) every line of the chart shares ({@link Spectrum}) */
    record SpectrumChart(String id, String group, String request, boolean webSocket, double[] x, List<SpectrumLine> lines) {
    }

    /** @param floor the injector's own round trip against its baseline (drawn dashed, grey), not a target */
    record SpectrumLine(String source, String target, int trial, boolean floor, List<Double> corrected,
                        List<Double> uncorrected) {
    }

    record TimelineChart(String id, String group, String request, List<TimelineRun> runs) {
    }

    /** @param run the key a reader picks runs by ({@link MeasuredRun#runKey()}) */
    record TimelineRun(String run, String target, Timeline series) {
    }

    record ResourceChart(String id, String group, List<ResourceRun> runs) {
    }

    /** @param target the run's target, or "" for a run that sampled several targets' services together */
    record ResourceRun(String run, String target, List<ServiceSeries> services) {
    }

    /** One service over time: seconds from the run's first sample, CPU in % of one core, memory in MiB. */
    record ServiceSeries(String service, List<Double> t, List<Double> cpu, List<Double> memoryMiB) {
    }

    static ChartData of(List<ReportSource> sources, List<String> targets, Map<String, Double> sloP99) throws IOException {
        List<SpectrumChart> spectra = new ArrayList<>();
        List<TimelineChart> timelines = new ArrayList<>();
        for (Map.Entry<String, List<MeasuredRun>> g : byGroupAndRequest(sources).entrySet()) {
            String[] key = g.getKey().split("\n", 2);
            spectra.add(spectrum("spectrum-" + spectra.size(), key[0], key[1], g.getValue()));
            if (g.getValue().stream().anyMatch(r -> r.hdrDir() != null)) {
                timelines.add(timeline("timeline-" + timelines.size(), key[0], key[1], g.getValue()));
            }
        }
        List<ResourceChart> resources = resources(sources);
        List<Sweep> sweeps = new ArrayList<>();
        for (ReportSource s : sources) {
            if (s.isSuite()) {
                sweeps.addAll(Sweep.of(s.label(), s.suite(), sloP99));
            }
        }
        return new ChartData(targets, sources.stream().map(ReportSource::label).toList(), spectra, timelines, resources,
                sweeps);
    }

    /** "group\nrequest" -> the runs that measured it, in source and trial order. */
    private static Map<String, List<MeasuredRun>> byGroupAndRequest(List<ReportSource> sources) {
        Map<String, List<MeasuredRun>> m = new LinkedHashMap<>();
        for (ReportSource s : sources) {
            for (MeasuredRun r : s.runs()) {
                for (JsonNode q : r.summary().path("requests")) {
                    m.computeIfAbsent(r.group() + "\n" + q.path("name").asText(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return m;
    }

    private static SpectrumChart spectrum(String id, String group, String request, List<MeasuredRun> runs) {
        record Histograms(MeasuredRun run, boolean floor, Histogram corrected, Histogram uncorrected, JsonNode summary) {
        }
        List<Histograms> all = new ArrayList<>();
        Set<Path> floorsSeen = new LinkedHashSet<>();
        String file = LatencyCapture.fileName(request);
        for (MeasuredRun r : runs) {
            if (r.hdrDir() == null) {
                all.add(new Histograms(r, false, null, null, request(r.summary(), request)));
                continue;
            }
            all.add(new Histograms(r, false, total(r.hdrDir().resolve(file + ".corrected.hlog")),
                    total(r.hdrDir().resolve(file + ".uncorrected.hlog")), null));
            // a single run measures its floor once for every target: one floor line per run directory
            if (r.floorDir() != null && floorsSeen.add(r.floorDir())
                    && Files.isRegularFile(r.floorDir().resolve(file + ".corrected.hlog"))) {
                all.add(new Histograms(r, true, total(r.floorDir().resolve(file + ".corrected.hlog")),
                        total(r.floorDir().resolve(file + ".uncorrected.hlog")), null));
            }
        }
        long maxCount = 1;
        for (Histograms h : all) {
            maxCount = Math.max(maxCount, h.corrected() != null ? h.corrected().getTotalCount()
                    : h.summary().path("count").asLong());
        }
        double[] grid = Spectrum.grid(maxCount);
        List<SpectrumLine> lines = new ArrayList<>();
        for (Histograms h : all) {
            MeasuredRun r = h.run();
            if (h.corrected() != null) {
                lines.add(new SpectrumLine(r.source(), r.target(), r.trial(), h.floor(), Spectrum.values(h.corrected(), grid),
                        h.uncorrected() == null ? null : Spectrum.values(h.uncorrected(), grid)));
            } else if (h.summary() != null) {
                long count = h.summary().path("count").asLong();
                lines.add(new SpectrumLine(r.source(), r.target(), r.trial(), false,
                        Spectrum.fromSummary(h.summary().path("correctedMs"), grid, count),
                        Spectrum.fromSummary(h.summary().path("uncorrectedMs"), grid, count)));
            }
        }
        return new SpectrumChart(id, group, request, runs.get(0).webSocket(request), grid, lines);
    }

    private static JsonNode request(JsonNode summary, String name) {
        for (JsonNode q : summary.path("requests")) {
            if (q.path("name").asText().equals(name)) {
                return q;
            }
        }
        return summary.path("missing");
    }

    /** Every interval of a log added up; null when the run wrote no such log. */
    private static Histogram total(Path hlog) {
        return Files.isRegularFile(hlog) ? IntervalLog.read(hlog).total() : null;
    }

    private static TimelineChart timeline(String id, String group, String request, List<MeasuredRun> runs) {
        List<TimelineRun> out = new ArrayList<>();
        String file = LatencyCapture.fileName(request);
        for (MeasuredRun r : runs) {
            Path log = r.hdrDir() == null ? null : r.hdrDir().resolve(file + ".corrected.hlog");
            if (log != null && Files.isRegularFile(log)) {
                out.add(new TimelineRun(r.runKey(), r.target(), Timeline.of(log, r.hdrDir().resolve(file + ".errors.hlog"))));
            }
        }
        return new TimelineChart(id, group, request, out);
    }

    /**
     * Per workload group, every run directory's {@code resources/}: a suite's trials each have
     * their own (one target); a single run holds every target's services in one. A suite whose
     * targets ran for the whole suite ({@code fresh: false}) has one {@code resources/} of its
     * own, shown as its own group.
     */
    private static List<ResourceChart> resources(List<ReportSource> sources) throws IOException {
        Map<String, List<ResourceRun>> byGroup = new LinkedHashMap<>();
        for (ReportSource s : sources) {
            Set<Path> seen = new LinkedHashSet<>();
            for (MeasuredRun r : s.runs()) {
                if (seen.add(r.runDir())) {
                    List<ServiceSeries> services = services(r.runDir().resolve("resources"));
                    if (!services.isEmpty()) {
                        byGroup.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(new ResourceRun(r.runKey(),
                                s.isSuite() ? r.target() : "", services));
                    }
                }
            }
            if (s.isSuite()) {
                List<ServiceSeries> shared = services(s.dir().resolve("resources"));
                if (!shared.isEmpty()) {
                    byGroup.computeIfAbsent("the whole suite (targets started once)", k -> new ArrayList<>())
                            .add(new ResourceRun(s.label() + "#1", "", shared));
                }
            }
        }
        List<ResourceChart> charts = new ArrayList<>();
        byGroup.forEach((group, runs) -> charts.add(new ResourceChart("resources-" + charts.size(), group, runs)));
        return charts;
    }

    private static List<ServiceSeries> services(Path dir) throws IOException {
        List<ServiceSeries> out = new ArrayList<>();
        List<ResourceSamples> all = ResourceSamples.readAll(dir);
        long origin = all.stream().filter(s -> !s.samples().isEmpty())
                .mapToLong(s -> s.samples().get(0).time().toEpochMilli()).min().orElse(0);
        for (ResourceSamples s : all) {
            List<Double> t = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> mem = new ArrayList<>();
            for (ResourceSamples.Sample x : s.samples()) {
                t.add(Spectrum.round((x.time().toEpochMilli() - origin) / 1000.0, 1));
                cpu.add(Spectrum.round(x.cpuPercent(), 1));
                mem.add(Spectrum.round(x.memoryBytes() / 1048576.0, 1));
            }
            if (!t.isEmpty()) {
                out.add(new ServiceSeries(s.service(), t, cpu, mem));
            }
        }
        return out;
    }
}
