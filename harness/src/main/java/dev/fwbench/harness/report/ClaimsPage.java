package dev.fwbench.harness.report;

import java.util.List;

/**
 * What {@code claims.jte} renders: the report.html of a claims run ({@code bench claims}), its claims
 * section first (what claims.json says, as rows to read), then every experiment's suite with a link to
 * that suite's own report. Built by {@code claims.ClaimsRun} from the verdicts; the template escapes
 * every value by its context, only the style sheet (read from this jar) goes in raw.
 *
 * @param summary one line: the size, the outcome, how long it took, the SLO
 * @param machine one line: CPU, cores, OS, load average, git commit
 */
public record ClaimsPage(String title, String generatedAt, String summary, String machine, List<Row> claims,
                         List<Experiment> experiments, String styleSheet) {

    /**
     * One claim.
     *
     * @param look     the CSS class of its verdict: better (supported), worse (refuted), noisy (inconclusive),
     *                 missing (not a runtime property)
     * @param estimate the headline estimate, e.g. "capacity NestJS/Django, json 1.85 [1.41, 2.30]"
     */
    public record Row(int id, String quote, String experiment, String verdict, String look, String estimate,
                      String trials, String restsOn, String rule, String reason, List<Detail> details) {
    }

    /** One estimate behind a verdict or beside it, with links to its trials (relative to the report). */
    public record Detail(String role, String label, String cells, String value, String interval, String trials,
                         String outcome, List<Link> links) {
    }

    public record Link(String text, String href) {
    }

    /** One experiment's suite: its claims, its outcome, its own report (null when it has none). */
    public record Experiment(String plan, String claims, String outcome, String suite, String report) {
    }
}
