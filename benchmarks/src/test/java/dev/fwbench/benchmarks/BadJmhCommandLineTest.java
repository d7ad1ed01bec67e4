package dev.fwbench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.BenchHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code java [-D...] -jar benchmarks.jar [JMH options]} with a bad input, in a JVM of its own as
 * a user runs it (the jar's main is {@link BenchmarksMain}): exit code 2 and one {@code error:}
 * line naming the setting or option, what it accepts and what it got; no stack trace, and no
 * target started. System properties go before {@code -jar}; each row gives them, then JMH's
 * arguments.
 */
class BadJmhCommandLineTest {

    @ParameterizedTest(name = "{0} | {1}")
    @CsvSource(delimiter = '|', value = {
        "-Dworkers=abc|HttpRoundTrip|-Dworkers must be a whole number from 0 to 256",
        "-Dworkers=4294967298|HttpRoundTrip|-Dworkers must be a whole number from 0 to 256",
        "-Dthreads=abc|HttpRoundTrip|-Dthreads must be a whole number from 0 to 256",
        "-Dserver.cpus=0|HttpRoundTrip|-Dserver.cpus must be a whole number from 1",
        "-Dbackend=k8s|HttpRoundTrip|-Dbackend must be one of auto, containers, process, external",
        "-Dbase.url=ftp://x|HttpRoundTrip|-Dbase.url must be a http/https:// URL with a host",
        "-Dstart.timeout=0|HttpRoundTrip|-Dstart.timeout must be a whole number from 1 to 3600",
        "-Dfwbench.home=.|NoSuchBenchmark|no benchmark matches [NoSuchBenchmark]",
        "-Dfwbench.home=.|HttpRoundTrip -wi abc|Cannot parse argument 'abc' of option wi",
        "-Dfwbench.home=.|HttpRoundTrip -f -1|Cannot parse argument '-1' of option f",
    })
    void refusedWithOneLineAndExitCode2(String properties, String jmhArgs, String expected) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(Arrays.asList(properties.split(" ")));
        cmd.add(BenchmarksMain.class.getName());
        cmd.addAll(Arrays.asList(jmhArgs.split(" ")));
        Process jmh = new ProcessBuilder(cmd).directory(BenchHome.locate().root().toFile()).redirectErrorStream(true).start();
        assertThat(jmh.waitFor(60, TimeUnit.SECONDS)).as("exits at once").isTrue();
        String text = new String(jmh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("[fwbench]")).toList();
        assertThat(jmh.exitValue()).as("exit code:%n%s", text).isEqualTo(2);
        assertThat(text).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(lines).as("one line: %s", text).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ").contains(expected);
    }
}
