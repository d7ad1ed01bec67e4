package dev.fwbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad command lines, in the harness's own JVM: each is refused before anything starts with
 * exit code 2 and one {@code error:} line that names the problem and the fix, never a stack
 * trace. (The {@code -D} settings of the drivers: {@code config.DriverConfigTest}.)
 */
class BadCommandLineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "serve rails|unknown target 'rails'",
        "serve|Missing required parameter",
        "serve nestjs --variant koa|unknown variant 'koa'",
        "serve nestjs --workers -3|--workers must be between",
        "serve nestjs --workers 257|--workers must be between",
        "serve nestjs --workers abc|Invalid value for option '--workers'",
        "serve django --threads -1|--threads must be between",
        "serve nestjs --port 70000|--port must be between 1 and 65535",
        "serve nestjs --server-cpus 999|--server-cpus must be between 1 and",
        "serve nestjs --server-cpus 0|--server-cpus must be between 1 and",
        "serve nestjs --server-memory lots|--server-memory must be a size like",
        "serve nestjs --server-memory NaN|--server-memory must be a size like",
        "serve nestjs --server-memory 1e400g|--server-memory must be a size like",
        "serve nestjs --server-memory 10m|--server-memory must be at least 64m",
        "serve nestjs --server-memory 4096g|--server-memory must be at most 1024g",
        "serve nestjs --backend k8s|unknown backend 'k8s'",
        "serve nestjs --backend external|--backend external starts nothing",
        "serve nestjs --backend containers --db-url postgresql://u:p@127.0.0.1:1/x|--db-url is for the process backend",
        "serve nestjs --db-url mysql://x@y/z|--db-url must start with postgresql://",
        "serve nestjs --db-url postgresql://127.0.0.1:5432/x|--db-url has no user",
        "serve nestjs --image-base java=x|unknown image base 'java'",
        "serve nestjs --image-base node|--image-base takes KEY=IMAGE",
        "serve nestjs --profile fast|unknown profile 'fast'",
        "serve nestjs --proxy haproxy|unknown proxy 'haproxy'",
        "serve nestjs --instances 0|--instances must be between 1 and 16",
        "serve nestjs --instances 2|--instances 2 needs a front that balances them",
        "serve nestjs --start-timeout 0|--start-timeout must be at least 1 second",
        "serve nestjs --no-such-option|Unknown option: '--no-such-option'",
        "clean --imgs|Unknown option: '--imgs'",
        "frobnicate|Unmatched argument",
    })
    void refusedWithOneLineAndExitCode2(String commandLine, String expected) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(p);
            System.setOut(p);
            code = BenchCommand.execute(commandLine.split(" "));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("[fwbench]")).toList();
        assertThat(code).as("exit code of '%s':%n%s", commandLine, text).isEqualTo(2);
        assertThat(text).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(lines.get(0)).as(text).contains(expected);
        if (lines.get(0).startsWith("error: ")) {
            assertThat(lines).as("one line: %s", text).hasSize(1);
        }
    }
}
