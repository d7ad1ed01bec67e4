package dev.fwbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad command lines, in the harness's own JVM: each is refused before anything starts with
 * exit code 2 and one {@code error:} line that names the problem and the fix (or picocli's own
 * first line, then the usage), never a stack trace or a warning. Plan files with bad driver
 * settings ({@code -D} keys written in a plan) go through {@code bench run} the same way. (The
 * {@code -D} settings as the drivers read them: {@code config.DriverConfigTest}; the JMH jar's:
 * {@code BadJmhCommandLineTest} in benchmarks/.)
 */
class BadCommandLineTest {
    /** Plan files named in the table as {@code {plans}/NAME.yaml}. */
    private static final Map<String, String> PLANS = Map.of(
            "ws", workload("WebSocketSimulation", "ws.connections: abc"),
            "clients", workload("WebSocketSimulation", "ws.broadcast.clients: 1"),
            "threshold", workload("RestSimulation", "injector.cpu.threshold: 5"),
            "budget", workload("RestSimulation", "injector.cpu.budget: abc"),
            "p99", workload("RestSimulation", "slo.p99.ms: -5"),
            "errors", workload("RestSimulation", "slo.errors.pct: 200"),
            "workers", "name: x\ntargets: [{name: a, framework: nestjs, workers: 4294967298}]\n"
                    + "workloads: [{name: w, simulation: RestSimulation}]\n",
            "binary", "\u0000\u0001 not yaml",
            "noslo", "claims: [{id: 1}]\n");

    @TempDir
    static Path plans;

    @BeforeAll
    static void writePlans() throws IOException {
        for (Map.Entry<String, String> p : PLANS.entrySet()) {
            Files.writeString(plans.resolve(p.getKey() + ".yaml"), p.getValue());
        }
    }

    private static String workload(String simulation, String setting) {
        return "name: x\ntargets: [{name: a, framework: nestjs}]\nworkloads:\n  - {name: w, simulation: " + simulation
                + ", " + setting + "}\n";
    }

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
        "serve nestjs --cache memcached|unknown cache 'memcached': use off or redis",
        "serve django --db-access sqlalchemy|unknown database access 'sqlalchemy': use orm or raw",
        "serve bare --cache redis|the bare baseline has neither a cache nor an ORM",
        "serve bare --db-access orm|the bare baseline has neither a cache nor an ORM",
        "serve nestjs --proxy haproxy|unknown proxy 'haproxy'",
        "serve nestjs --instances 0|--instances must be between 1 and 16",
        "serve nestjs --instances 2|--instances 2 needs a front that balances them",
        "serve nestjs --start-timeout 0|--start-timeout must be at least 1 second",
        "serve nestjs --no-such-option|Unknown option: '--no-such-option'",
        "clean --imgs|Unknown option: '--imgs'",
        "frobnicate|Unmatched argument",
        "run|name a plan (",
        "run {plans}/none.yaml|no plan file",
        "run {plans} --dry-run|no plan file",
        "run weekly --dry-run|unknown plan 'weekly'",
        "run quick --trials 0 --dry-run|--trials must be between 1 and",
        "run quick --trials abc|Invalid value for option '--trials'",
        "run quick --only nope --dry-run|--only names no workload 'nope'",
        "run quick --targets nope --dry-run|--targets names no target 'nope'",
        "run quick --seed x|Invalid value for option '--seed'",
        "run --resume {plans}|is not a suite directory (no plan.yaml)",
        "run {plans}/ws.yaml --dry-run|ws.yaml line 4: 'ws.connections' must be a whole number from 1 to 10000",
        "run {plans}/clients.yaml --dry-run|clients.yaml line 4: 'ws.broadcast.clients' must be a whole number from 2",
        "run {plans}/threshold.yaml --dry-run|threshold.yaml line 4: 'injector.cpu.threshold' must be a number in [0.1, 1]",
        "run {plans}/budget.yaml --dry-run|budget.yaml line 4: 'injector.cpu.budget' must be a number in (0,",
        "run {plans}/p99.yaml --dry-run|p99.yaml line 4: 'slo.p99.ms' must be a number in (0, 3600000]",
        "run {plans}/errors.yaml --dry-run|errors.yaml line 4: 'slo.errors.pct' must be a number in [0, 100]",
        "run {plans}/workers.yaml --dry-run|workers.yaml line 2: 'workers' must be a whole number from 0 to 256",
        "run {plans}/binary.yaml --dry-run|binary.yaml line 1: not valid YAML",
        "compare {plans}/a {plans}/b|has no suite.json",
        "compare {plans}/a {plans}/b --fail-on abc|--fail-on must be a percentage like 10%",
        "compare {plans}/a {plans}/b --fail-on -5%|--fail-on must be a percentage like 10%",
        "compare {plans}/a|Missing required parameter: 'SUITE_B'",
        "load -Drate=fast|-Drate must be a number in (0, 200000] (req/s) (got 'fast')",
        "load -Drequests=json,article_create|the lean engine has no request 'article_create'",
        "load -Drequests=json,echo|'echo' (WebSocket) runs alone",
        "load -Dconnections=0|-Dconnections must be a whole number from 1 to 10000",
        "load -Dmodel=open -Dusers=0|-Dusers must be a whole number from 1 to 100000",
        "load -Dspeed=3|unknown setting -Dspeed",
        "load -Dbase.url=http://192.0.2.9:8080|is not on this machine",
        "load -Dinjector.lag.p99.ms=-1|-Dinjector.lag.p99.ms must be a number in (0, 60000]",
        "claims --plan weekly --dry-run|--plan is quick or nightly (got 'weekly')",
        "claims --only 13 --dry-run|--only names no claim 13 (the registry has 1, 2, 3",
        "claims --only 1,x --dry-run|--only takes claim ids and ranges such as 5,7 or 1-4,8-12 (got 'x')",
        "claims --only 5-3 --dry-run|--only takes claim ids and ranges such as 5,7 or 1-4,8-12 (got '5-3')",
        "claims --backend k8s --dry-run|--backend is auto, containers or process (got 'k8s')",
        "claims --registry {plans}/none.yaml --dry-run|cannot read",
        "claims --registry {plans}/binary.yaml --dry-run|binary.yaml line 1: not valid YAML",
        "claims --registry {plans}/noslo.yaml --dry-run|the registry needs 'slo: {p99Ms: 50, errorsPct: 0.1}'",
        "claims --trials 3|Unknown options: '--trials', '3'",
    })
    void refusedWithOneLineAndExitCode2(String commandLine, String expected) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(p);
            System.setOut(p);
            code = BenchCommand.execute(commandLine.replace("{plans}", plans.toString()).split(" "));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("[fwbench]")).toList();
        assertThat(code).as("exit code of '%s':%n%s", commandLine, text).isEqualTo(2);
        assertThat(text).as("no stack trace or warning").doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("WARN");
        assertThat(lines.get(0)).as(text).contains(expected);
        if (lines.get(0).startsWith("error: ")) {
            assertThat(lines).as("one line: %s", text).hasSize(1);
        }
    }
}
