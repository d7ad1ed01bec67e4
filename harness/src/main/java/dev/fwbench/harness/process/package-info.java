/**
 * Child processes, the one way the harness launches anything
 * ({@link dev.fwbench.harness.process.ChildProcess}: output to a log file, the whole tree
 * stopped), loopback ports ({@link dev.fwbench.harness.process.FreePorts}) and the JVM
 * shutdown hook that closes what is open, newest first
 * ({@link dev.fwbench.harness.process.ShutdownHooks}).
 */
package dev.fwbench.harness.process;
