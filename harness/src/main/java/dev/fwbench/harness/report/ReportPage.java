package dev.fwbench.harness.report;

import java.util.List;

/**
 * Everything {@code report.jte} renders: the tables as HTML (readable without JavaScript), a
 * container per chart, the chart data as one JSON text for the page's script, the style
 * sheets and scripts to inline. The template escapes every value by its context; only the
 * style sheets and scripts (code read from this jar and the chart library's WebJar) go in raw.
 *
 * @param warnings what makes the numbers less trustworthy, said at the top (a saturated injector, failed trials)
 * @param runs     the runs a reader can pick for the over-time charts (a trial, or a source's trial)
 * @param dataJson {@link ChartData} as JSON: the template puts it into a script as a string literal
 */
public record ReportPage(String title, String generatedAt, List<SourceRow> sources, List<String> warnings,
                         List<SuiteHeadline> headlines, BeforeAfter beforeAfter, List<ChartBox> spectra,
                         List<ChartBox> webSocketSpectra, List<ChartBox> timelines, List<ChartBox> sweeps,
                         List<ChartBox> resources, List<RunOption> runs, Provenance provenance, String dataJson,
                         String styleSheet, String script, ChartLibrary library) {

    /** A directory given to the report: a suite or a single run. */
    public record SourceRow(String label, String dir, String kind, String detail) {
    }

    /** One source's headline table. */
    public record SuiteHeadline(String title, Headline headline) {
    }

    /** A chart's place on the page: the script draws into the element with this id. */
    public record ChartBox(String id, String title) {
    }

    public record RunOption(String key, String label) {
    }

    /** Two suites, B against A, cell by cell ({@code bench compare}'s rows). */
    public record BeforeAfter(String a, String b, List<CellRows> cells) {
    }

    public record CellRows(String cell, List<Row> rows) {
    }

    public record Row(String request, String metric, boolean gated, Figure a, Figure b, Figure ratio,
                      boolean trustworthy) {
    }

    public boolean severalSources() {
        return sources.size() > 1;
    }
}
