package dev.fwbench.harness.cli;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.process.ShutdownHooks;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./bench}: the harness's command line. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        version = "fwbench 0.1.0",
        usageHelpAutoWidth = true,
        description = {"Measures NestJS and Django on your workload and your hardware: reference apps that "
            + "implement one contract (reference-apps/CONTRACT.md), driven and timed by this harness.", ""},
        subcommands = {ServeCommand.class, RunCommand.class, ClaimsCommand.class, LoadCommand.class, CompareCommand.class,
            GateCommand.class, ReportCommand.class, MergeCommand.class, ClockCommand.class, CleanCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Run 'bench <command> --help' for a command's options."})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        ShutdownHooks.forceOnSecondSignal(); // Ctrl-C stops everything cleanly; a second one kills at once
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code: 0 ok, 2 usage or user-fixable error, 1 bug. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new BenchCommand());
        var load = cl.getSubcommands().get("load").getCommandSpec().usageMessage();
        load.footer(LoadCommand.footer(load.footer()));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BenchException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
