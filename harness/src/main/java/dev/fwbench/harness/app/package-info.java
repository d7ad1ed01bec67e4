/**
 * How each reference app is launched, one class per framework, the same on every backend.
 *
 * <p>{@link dev.fwbench.harness.app.ReferenceApps} gives the
 * {@link dev.fwbench.harness.app.ReferenceApp} of a framework ({@link dev.fwbench.harness.app.NestJsApp},
 * {@link dev.fwbench.harness.app.DjangoApp}). A backend hands it an
 * {@link dev.fwbench.harness.app.AppLaunch} (port, database, JWT key, Redis) and gets back a
 * {@link dev.fwbench.harness.app.LaunchPlan}: the environment of CONTRACT.md section 1 and the
 * URLs. The process backend runs {@code command()} (after {@code prepare()}: npm ci and build,
 * or a virtualenv, cached by {@link dev.fwbench.harness.app.InstallStamp}); the containers
 * backend builds the app's Dockerfile, whose entrypoint is that same command. So the servers,
 * worker rules and migrations are written once, in the app's own folder.
 */
package dev.fwbench.harness.app;
