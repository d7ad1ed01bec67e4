/**
 * The numbers of record across trials, and the verdicts drawn from them. No I/O: values in,
 * records out (they serialize with Jackson as they are, into suite.json), text lines out.
 * Distributions and descriptive statistics come from Apache Commons Statistics (inference,
 * descriptive), the bootstrap's generator from Commons RNG.
 *
 * <h2>What is computed where</h2>
 * <ul>
 * <li><b>One cell</b> (one target x workload x request x sweep point, one value per trial):
 *     {@link dev.fwbench.harness.stats.CellStats#of} gives median, min, max, mean, sample
 *     standard deviation, CV = sd / mean and "noisy" when CV &gt; 5 %. Trials 100, 110, 90, 100,
 *     100 req/s: median 100, sd 7.07, CV 7.1 %: noisy.
 * <li><b>Two cells</b> (A vs B: Django vs NestJS, one sweep point vs another, before vs after):
 *     {@link dev.fwbench.harness.stats.CellComparison#compare} gives a
 *     {@link dev.fwbench.harness.stats.Comparison}:
 *     <ul>
 *     <li>the ratio B/A as the Hodges-Lehmann estimate, exp(median over i, j of
 *         log(b_j / a_i)), and its exact confidence interval [exp D(k), exp D(mn + 1 - k)] of the
 *         ordered log-ratios D, k - 1 being the largest u with 2 P(U ≤ u) ≤ alpha
 *         ({@link dev.fwbench.harness.stats.HodgesLehmann});
 *     <li>the two-sided Mann-Whitney p, exact without ties, and the null distribution of U
 *         behind k ({@link dev.fwbench.harness.stats.MannWhitneyExact});
 *     <li>the verdict: "faster"/"slower" (a speed) or "better"/"worse" (a cost) when
 *         p ≤ alpha, "no difference detected" otherwise, "too few trials" when even fully
 *         separated samples would give p = 2 / C(m + n, m) &gt; alpha: 2 vs 2 at best 1/3, 3 vs 3
 *         0.1, 4 vs 4 0.0286, so 4 trials per side are the minimum at alpha 0.05;
 *     <li>from 10 trials per side, a seeded percentile bootstrap interval of the ratio
 *         ({@link dev.fwbench.harness.stats.PercentileBootstrap}).
 *     </ul>
 *     Worked numbers: A = 1000, 1010, 990, 1005, 995 req/s, B = 1210, 1190, 1230, 1200,
 *     1220 req/s: no overlap, U = 25 of 25, p = 2/252 = 0.00794 (exact); ratio 1.210, 96.8 %
 *     interval [1.188, 1.232] (D(3) = 1200/1010, D(23) = 1220/990): B "faster". Identical samples:
 *     ratio exactly 1, an interval around 1, p = 1: "no difference detected".
 * <li><b>One cell against a bar</b> (claims' capacity per core):
 *     {@link dev.fwbench.harness.stats.MedianInterval} gives the order-statistic interval of
 *     the median, [x(k), x(n + 1 - k)] at 1 - 2 P(Binomial(n, 1/2) &le; k - 1): 6 trials give
 *     [min, max] at 96.9 %, 5 only 93.8 %.
 * <li><b>One suite</b>: {@link dev.fwbench.harness.stats.Holm#correct} adjusts every
 *     comparison's p by Holm's step-down method and decides the verdicts again, so the chance
 *     of any false "faster" in the suite stays at most alpha. p = 0.01, 0.04, 0.03, 0.005
 *     become 0.03, 0.06, 0.06, 0.02.
 * <li><b>The nightly gate</b>: {@link dev.fwbench.harness.stats.RegressionGate#decide} judges
 *     tonight's trials against the last 14 nights (from 5 on): median and scaled MAD (1.4826 x
 *     median |x - median|) of the baseline, change = median(tonight) / median(baseline) - 1,
 *     and a {@link dev.fwbench.harness.stats.GateDecision}: CONFIRMATION_NEEDED when the
 *     change is significant, beyond 10 % and beyond 3 MAD in the bad direction, then
 *     {@link dev.fwbench.harness.stats.RegressionGate#confirm} makes it FAIL only if a re-run
 *     agrees; WARN for a large change not shown beyond the noise; INCONCLUSIVE with too short
 *     a history. 14 nights of 990..1010 req/s (median 1000.5, 3 MAD = 2.0 %) and tonight 800,
 *     805, 795, 810, 790: "p=0.000172, -20.0 % &gt; 10.0 % and &gt; 3 MAD (2.0 %): re-run to confirm".
 *     A re-run that yields no numbers leaves a WARN ({@link dev.fwbench.harness.stats.RegressionGate#unconfirmed}).
 *     The suite package's {@code NightlyGate} feeds it (per cell, request and metric: the nights'
 *     medians from the history, tonight's trials) and decides no metric itself, only the night's overall outcome.
 * <li><b>Text</b>: {@link dev.fwbench.harness.stats.BenchstatTable#lines} prints comparisons
 *     as Go's benchstat does (A, B, delta with interval, p, verdict; "~" for no difference);
 *     {@link dev.fwbench.harness.stats.GateTable#lines} prints the gate's decisions (nights,
 *     baseline ±MAD, tonight, change, decision and why).
 * </ul>
 *
 * <h2>Units</h2>
 * Values are in their {@link dev.fwbench.harness.stats.Metric}'s unit (req/s, ms, CPU-s per
 * 1,000 requests, MiB) and must be positive for ratios; CV, change, thresholds and spread
 * limits are fractions (0.05 = 5 %); ratios are plain numbers (1.21 = B is 21 % above A).
 */
package dev.fwbench.harness.stats;
