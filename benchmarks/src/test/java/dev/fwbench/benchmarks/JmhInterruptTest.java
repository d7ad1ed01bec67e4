package dev.fwbench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.testing.Interruptible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (to the process group, as a terminal sends it to JMH's host and its fork) in the
 * middle of a JMH measurement against NestJS: the host exits only once the fork has stopped
 * the app and PostgreSQL it started ({@link BenchmarksMain#awaitForks}), within 30 s, and
 * nothing it started is left. (A clean-clone CI run once found the fork's app still running
 * 1 s after the host had exited at once: the host did not wait for its fork.)
 */
class JmhInterruptTest {

    @Test
    void ctrlCDuringAnIterationStopsTheForkAndItsTarget(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("jmh.out");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dfwbench.home=" + BenchHome.locate().root(), "-Dbackend=process",
                BenchmarksMain.class.getName(), "HttpRoundTripBenchmark", "-p", "target=nestjs", "-p", "endpoint=json",
                "-bm", "sample", "-wi", "0", "-i", "20", "-r", "5s", "-f", "1",
                "-jvmArgsAppend", "-Dfwbench.home=" + BenchHome.locate().root() + " -Dbackend=process");
        Process jmh = Interruptible.start(out, Map.of("FWBENCH_STATE_DIR", tmp.resolve("state").toString(),
                "FWBENCH_HOME", BenchHome.locate().root().toString()), cmd);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            // until the first iteration runs and the fork, the app and PostgreSQL have all been seen: a clean-clone
            // run once reached "Iteration 1:" with only 2 of them collected (the sampling is every 100 ms)
            while ((!Files.readString(out).contains("Iteration   1:") || seen.size() < 3) && System.nanoTime() < deadline) {
                Interruptible.collectDescendants(jmh, seen);
                assertThat(jmh.isAlive()).as(Files.readString(out)).isTrue();
                Thread.sleep(100);
            }
            Interruptible.collectDescendants(jmh, seen);
            assertThat(seen).as("the fork, the app and PostgreSQL").hasSizeGreaterThanOrEqualTo(3);
            long t0 = System.nanoTime();
            Interruptible.ctrlC(jmh);
            assertThat(jmh.waitFor(30, TimeUnit.SECONDS)).as("JMH exits within 30 s:%n%s", Files.readString(out)).isTrue();
            System.out.printf("Ctrl-C during a JMH iteration: exited in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } finally {
            if (jmh.isAlive()) {
                jmh.destroyForcibly();
            }
        }
        Thread.sleep(500);
        assertThat(seen.stream().filter(Interruptible::alive).map(JmhInterruptTest::describe).toList())
                .as("left running after the host exited:%n%s", Files.readString(out)).isEmpty();
    }

    private static String describe(long pid) {
        return pid + " " + ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?");
    }
}
