package dev.fwbench.harness.targets;

import java.net.URI;

/**
 * A target as a driver or a plan names it: a name (the folder and group its results go
 * under: {@code nestjs}, {@code django}, or a name of the user's), and either what the
 * harness should bring up ({@code spec}) or where an already deployed service answers
 * ({@code url}, {@code wsUrl}: the {@code external} backend starts nothing).
 *
 * @param wsUrl WebSocket root of an external target (default: its {@code url} with {@code ws://})
 */
public record Target(String name, TargetSpec spec, URI url, URI wsUrl) {

    public Target {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new dev.fwbench.harness.BenchException("a target name is 1-64 letters, digits, '.', '_' or '-' (got '"
                    + name + "')");
        }
        if ((spec == null) == (url == null)) {
            throw new IllegalArgumentException("a target is either brought up (spec) or external (url): " + name);
        }
        if (url != null && wsUrl == null) {
            wsUrl = URI.create(url.toString().replaceFirst("^http", "ws"));
        }
    }

    /** A target the harness starts, named after its framework. */
    public static Target managed(TargetSpec spec) {
        return new Target(spec.framework().id(), spec, null, null);
    }

    public static Target external(String name, URI url, URI wsUrl) {
        return new Target(name, null, url, wsUrl);
    }

    public boolean isExternal() {
        return url != null;
    }

    /**
     * The target as file names show it (logs, resource samples): {@code nestjs-express} for a
     * target named after its framework, else its own name.
     */
    public String fileLabel() {
        String label = spec != null && name.equals(spec.framework().id()) ? spec.name() : name;
        return label.replace(':', '-');
    }
}
