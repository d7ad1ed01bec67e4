package dev.fwbench.harness.claims;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fwbench.harness.report.ClaimsPage;
import dev.fwbench.harness.report.HtmlReport;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The report.html page of a claims run, from its verdicts: the claims first, then the evidence, then the suites. */
final class ClaimsReport {
    private ClaimsReport() {
    }

    static ClaimsPage page(String size, String outcome, double seconds, ClaimRegistry.Registry registry,
                           List<ClaimVerdict> verdicts, List<ClaimsRun.Experiment> experiments, Collection<String> ran,
                           Path dir, Object environment) {
        List<ClaimsPage.Row> rows = new ArrayList<>();
        for (ClaimVerdict v : verdicts) {
            List<ClaimsPage.Detail> details = new ArrayList<>();
            for (ClaimVerdict.ProfileVerdict p : v.profiles()) {
                for (ClaimVerdict.PartVerdict part : p.parts()) {
                    for (ClaimVerdict.Estimate e : part.estimates()) {
                        String role = p.profile() + (v.profiles().size() > 1 && p.profile().equals(v.restsOn())
                                ? " (the verdict)" : "") + (p.parts().size() > 1 ? ", " + part.name() : "");
                        details.add(detail(role, e));
                    }
                }
            }
            for (ClaimVerdict.Estimate e : v.beside()) {
                details.add(detail("beside", e));
            }
            rows.add(new ClaimsPage.Row(v.id(), v.quote(), v.experiment(), v.verdict(), look(v.verdict()),
                    headline(v.estimate()), v.trials() == null ? "-" : v.trials(), v.restsOn() == null ? "-" : v.restsOn(),
                    v.rule(), v.reason(), details));
        }
        List<ClaimsPage.Experiment> exps = new ArrayList<>();
        for (ClaimsRun.Experiment e : experiments) {
            String suite = ran.contains(e.plan()) ? "suites/" + e.plan() : null;
            String report = suite != null && Files.isRegularFile(dir.resolve(suite).resolve(HtmlReport.FILE))
                    ? suite + "/" + HtmlReport.FILE : null;
            exps.add(new ClaimsPage.Experiment(e.plan() + " (" + e.file() + ")", ClaimsRun.join(e.claims()),
                    suite == null ? "not run" : "ran", suite, report));
        }
        String summary = String.format(Locale.ROOT, "Size %s, %s after %.0f min; SLO p99 <= %s ms (corrected) and errors "
                + "<= %s %%; %d claims.", size, outcome, seconds / 60, num(registry.sloP99Ms()), num(registry.sloErrorsPct()),
                verdicts.size());
        return new ClaimsPage("fwbench: the article's claims (" + size + ")",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), summary, machine(environment), rows, exps,
                HtmlReport.styleSheet());
    }

    private static ClaimsPage.Detail detail(String role, ClaimVerdict.Estimate e) {
        List<ClaimsPage.Link> links = new ArrayList<>();
        int i = 0;
        for (String f : e.trialFolders() == null ? List.<String>of() : e.trialFolders()) {
            links.add(new ClaimsPage.Link(String.valueOf(++i), f));
        }
        String cells = e.cellB() == null ? String.valueOf(e.cellA()) : e.cellB() + " / " + e.cellA();
        String metric = e.metric() + (e.request() == null ? "" : " of " + e.request()) + (e.unit() == null ? "" : " (" + e.unit() + ")");
        String outcome = e.inconclusiveBecause() != null ? "inconclusive: " + e.inconclusiveBecause()
                : e.meets() == null ? "-" : e.meets();
        return new ClaimsPage.Detail(role, e.label() + "; " + e.kind() + " of " + metric, cells, num(e.value()),
                e.ciLow() == null ? "-" : "[" + num(e.ciLow()) + ", " + num(e.ciHigh()) + "]"
                        + (e.confidence() == null ? "" : String.format(Locale.ROOT, " at %.1f %%", 100 * e.confidence())),
                (e.trialsA() == null ? "?" : e.trialsA()) + (e.trialsB() == null ? "" : "+" + e.trialsB()), outcome, links);
    }

    private static String headline(ClaimVerdict.Estimate e) {
        if (e == null || e.value() == null) {
            return "-";
        }
        return e.label() + " " + num(e.value()) + " [" + num(e.ciLow()) + ", " + num(e.ciHigh()) + "]";
    }

    private static String look(String verdict) {
        return switch (verdict) {
            case "supported" -> "better";
            case "refuted" -> "worse";
            case "inconclusive" -> "noisy";
            default -> "missing";
        };
    }

    private static String machine(Object environment) {
        if (!(environment instanceof JsonNode env) || env.isMissingNode()) {
            return "unknown";
        }
        return String.format(Locale.ROOT, "%s, %s cores, %s, %s, JDK %s, Node %s, %s, git %s%s",
                env.path("cpuModel").asText("?"), env.path("cores").asText("?"), env.path("osRelease").asText("?"),
                env.path("arch").asText("?"), env.path("jdk").asText("?"), env.path("node").asText("?"),
                env.path("python").asText("?"), env.path("gitSha").asText("?").substring(0,
                        Math.min(12, env.path("gitSha").asText("?").length())),
                env.path("gitDirty").asBoolean(false) ? " (with uncommitted changes)" : "");
    }

    private static String num(Double v) {
        return v == null || v.isNaN() ? "?" : BigDecimal.valueOf(v).round(new MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }
}
