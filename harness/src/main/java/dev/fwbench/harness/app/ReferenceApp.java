package dev.fwbench.harness.app;

import dev.fwbench.harness.targets.Framework;
import java.nio.file.Path;

/**
 * How one reference app under {@code reference-apps/} is installed and started as local
 * processes: the framework-specific half of the process backend.
 */
public interface ReferenceApp {

    Framework framework();

    /**
     * Makes the app runnable: checks the runtime, installs dependencies and builds, each
     * step skipped when its inputs (lockfile, sources) have not changed since the last time.
     */
    void prepare(Path logDir);

    /** Starts the app (migrations first) and returns once its processes run; readiness is checked by the caller. */
    StartedApp start(AppLaunch launch);
}
