package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Proxy;
import dev.fwbench.harness.targets.TargetSpec;

/** The reference app of each framework: the one place a new framework is registered. */
public final class ReferenceApps {
    private ReferenceApps() {
    }

    /**
     * The target as it will run: its framework's default front resolved ({@code Proxy.DEFAULT}),
     * so that an impossible combination (several instances with no front) is refused up front.
     */
    public static TargetSpec resolved(TargetSpec spec, BenchHome home) {
        return spec.proxy() != Proxy.DEFAULT ? spec : spec.withProxy(of(spec.framework(), home).defaultProxy(spec),
                spec.instances());
    }

    public static ReferenceApp of(Framework framework, BenchHome home) {
        return switch (framework) {
            case NESTJS -> new NestJsApp(home.app("nestjs"));
            case DJANGO -> new DjangoApp(home.app("django"));
            case BARE -> new BareApp(home.app("bare"));
        };
    }
}
