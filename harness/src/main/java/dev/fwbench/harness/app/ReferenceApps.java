package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.targets.Framework;

/** The reference app of each framework: the one place a new framework is registered. */
public final class ReferenceApps {
    private ReferenceApps() {
    }

    public static ReferenceApp of(Framework framework, BenchHome home) {
        return switch (framework) {
            case NESTJS -> new NestJsApp(home.app("nestjs"));
            case DJANGO -> new DjangoApp(home.app("django"));
        };
    }
}
