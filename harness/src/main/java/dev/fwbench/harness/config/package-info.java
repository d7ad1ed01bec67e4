/**
 * Driver settings: a {@link dev.fwbench.harness.config.Setting} is one input (its
 * {@code -D} key, default, unit, range, and how a bad value is refused), a
 * {@link dev.fwbench.harness.config.DriverConfig} every setting a driver read, read once at
 * start and written whole into {@code run.json}. The catalogues live beside their users
 * ({@code run.RunSettings}, {@code load.LoadShape}, the simulations).
 */
package dev.fwbench.harness.config;
