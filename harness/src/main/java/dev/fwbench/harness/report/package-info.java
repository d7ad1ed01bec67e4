/**
 * The HTML report: {@code report.html}, one self-contained page per run or suite directory
 * ({@code bench report}, and at the end of {@code bench run}, {@code bench load} and every
 * Gatling simulation).
 *
 * <p>How the page is made: {@link dev.fwbench.harness.report.HtmlReport} reads each directory
 * given ({@link dev.fwbench.harness.report.ReportSource}: suite.json, run.json, the latency
 * summaries) into the runs it measured ({@link dev.fwbench.harness.report.MeasuredRun}). The
 * tables are built from the files as written: the headline from suite.json's medians and
 * comparisons ({@link dev.fwbench.harness.report.Headline}, never a statistic of its own), the
 * provenance from run.json ({@link dev.fwbench.harness.report.Provenance}). The charts' numbers
 * are computed from the interval logs ({@code .hlog}, read with HdrHistogram's log reader) and
 * resource samples: percentile spectra on a fixed log grid
 * ({@link dev.fwbench.harness.report.Spectrum}), per-second series
 * ({@link dev.fwbench.harness.report.Timeline}), sweeps ({@link dev.fwbench.harness.report.Sweep}),
 * gathered in {@link dev.fwbench.harness.report.ChartData} and embedded as JSON. The template
 * {@code src/main/jte/report.jte} is compiled to Java by jte-maven-plugin into
 * {@code dev.fwbench.harness.report.page} and renders a {@link dev.fwbench.harness.report.ReportPage}
 * with escaping by context (the JSON goes into a script as a string literal, so a
 * {@code </script>} in a name cannot end it); the page's script ({@code report.js}) hands the
 * JSON to uPlot, inlined from its WebJar ({@link dev.fwbench.harness.report.ChartLibrary}).
 */
package dev.fwbench.harness.report;
