/**
 * The fwbench harness: brings NestJS and Django reference apps up on one contract, drives
 * them with load generators, and records every latency.
 *
 * <p>How a run flows, package by package: a driver (a Gatling simulation in {@code gatling},
 * a JMH benchmark, {@code bench serve} in {@code cli}) reads its settings once into a
 * {@code config.DriverConfig} and opens a {@code run.RunContext}. The context resolves the
 * targets ({@code targets}), opens a backend ({@code backend.process}, {@code backend.containers}
 * or {@code backend.external}) which starts PostgreSQL ({@code db}), Redis ({@code redis}) and
 * each app as its {@code app.ReferenceApp} describes, and hands back running services
 * ({@code service}). Load shapes live in {@code load}; every request is timed into the
 * HdrHistogram recorders of {@code latency}; everything lands in a run directory
 * ({@code results}). Packages form no cycle (checked by {@code PackageDependenciesTest}).
 *
 * <p>Here: {@link dev.fwbench.harness.BenchException} (a failure the user can act on, one
 * line), {@link dev.fwbench.harness.BenchHome} (the checkout) and
 * {@link dev.fwbench.harness.Console} (progress on stderr).
 */
package dev.fwbench.harness;
