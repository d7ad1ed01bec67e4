/**
 * The process backend: each app's launch command as a child process
 * ({@link dev.fwbench.harness.process.ChildProcess}), pinned with {@code taskset} to the cores
 * its limits name; PostgreSQL embedded ({@code db.EmbeddedPostgresServer}) or the user's;
 * Redis from {@code redis-server} on PATH; CPU and memory of every process tree from
 * {@code /proc} once a second ({@link dev.fwbench.harness.backend.process.ProcessStats}) into
 * {@code resources/}.
 */
package dev.fwbench.harness.backend.process;
