/**
 * {@code ./bench}: the picocli command line ({@link dev.fwbench.harness.cli.BenchCommand} and a
 * class per subcommand). A {@link dev.fwbench.harness.BenchException} becomes one
 * {@code error:} line and exit code 2.
 */
package dev.fwbench.harness.cli;
