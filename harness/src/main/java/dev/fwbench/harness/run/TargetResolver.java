package dev.fwbench.harness.run;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.app.ReferenceApps;
import dev.fwbench.harness.backend.BackendSettings;
import dev.fwbench.harness.backend.ImageBases;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.service.LoopbackGuard;
import dev.fwbench.harness.targets.ArticleCache;
import dev.fwbench.harness.targets.DbAccess;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import dev.fwbench.harness.targets.Proxy;
import dev.fwbench.harness.targets.ResourceLimits;
import dev.fwbench.harness.targets.Target;
import dev.fwbench.harness.targets.TargetSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a driver's settings into the targets it measures, the same way for every driver:
 * <ul>
 *   <li>{@code -Dtarget.NAME.url=} (and {@code -Dtarget.NAME.ws.url=}) names external targets,
 *       {@code -Dbase.url=} (and {@code -Dws.url=}) one, named after {@code -Dtarget} when that is
 *       a framework, else "external": nothing is started, every URL must be on this machine
 *       unless {@code -Dallow.remote=true};</li>
 *   <li>otherwise {@code -Dtarget=nestjs|django|both|a,b} names targets the backend brings up,
 *       each with {@code -Dvariant} ({@code -Dvariant.nestjs=} for one), {@code -Dworkers},
 *       {@code -Dthreads}, {@code -Dprofile}, {@code -Dcache}, {@code -Ddb.access}, {@code -Dserver.cpus} and
 *       {@code -Dserver.memory}.</li>
 * </ul>
 */
public final class TargetResolver {
    private static final Pattern NAMED_URL = Pattern.compile("target\\.([A-Za-z0-9][A-Za-z0-9._-]*)\\.url");

    private TargetResolver() {
    }

    /** How the backend is chosen and configured, from the settings. */
    public static BackendSettings backendSettings(DriverConfig c) {
        ImageBases images = ImageBases.OFFICIAL;
        for (Setting<String> s : List.of(RunSettings.IMAGE_NODE, RunSettings.IMAGE_PYTHON, RunSettings.IMAGE_POSTGRES,
                RunSettings.IMAGE_REDIS, RunSettings.IMAGE_NGINX)) {
            String v = c.get(s);
            if (v != null) {
                images = images.override(s.key().substring("image.".length()) + "=" + v);
            }
        }
        return new BackendSettings(c.get(RunSettings.BACKEND), c.get(RunSettings.DB_URL), images,
                Duration.ofSeconds(c.get(RunSettings.START_TIMEOUT)), c.get(RunSettings.ALLOW_REMOTE));
    }

    /**
     * @param defaultTarget what {@code -Dtarget} means when not given ("both" for the simulations)
     */
    public static List<Target> resolve(DriverConfig c, String defaultTarget) {
        List<Target> external = external(c);
        String kind = c.get(RunSettings.BACKEND);
        if (!external.isEmpty()) {
            if (!kind.equals("auto") && !kind.equals("external")) {
                throw new BenchException("-Dbackend=" + kind + " starts targets, but URLs name services already running ("
                        + external.get(0).url() + "): drop -Dbackend or the URLs");
            }
            return external;
        }
        if (kind.equals("external")) {
            throw new BenchException("-Dbackend=external starts nothing: name the services with -Dbase.url=http://127.0.0.1:PORT "
                    + "or -Dtarget.NAME.url=...");
        }
        return managed(c, c.get(RunSettings.TARGET) == null ? defaultTarget : c.get(RunSettings.TARGET));
    }

    /** The frameworks {@code -Dtarget} names ("both" = the two compared; the bare baseline only by name). */
    public static List<Framework> frameworks(String target) {
        String t = target.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("both") || t.equals("all")) {
            return Framework.COMPARED;
        }
        List<Framework> fs = new ArrayList<>();
        for (String one : t.split(",")) {
            if (one.isBlank()) {
                continue;
            }
            try {
                fs.add(Framework.parse(one));
            } catch (BenchException e) {
                throw new BenchException("-Dtarget names an unknown target '" + one.trim()
                        + "': use nestjs, django, both, bare, or a comma-separated list");
            }
        }
        if (fs.isEmpty()) {
            throw new BenchException("-Dtarget is empty: use nestjs, django or both");
        }
        return List.copyOf(new LinkedHashSet<>(fs));
    }

    private static List<Target> managed(DriverConfig c, String target) {
        List<Framework> fs = frameworks(target);
        String variant = c.get(RunSettings.VARIANT);
        if (variant != null && fs.stream().noneMatch(f -> f.variants().contains(variant))) {
            throw new BenchException("-Dvariant=" + variant + " is no variant of " + target
                    + ": nestjs has express|fastify, django has gunicorn|uvicorn");
        }
        if (fs.stream().allMatch(Framework::isBaseline)
                && (c.get(RunSettings.CACHE).equals("redis") || "orm".equals(c.get(RunSettings.DB_ACCESS)))) {
            throw new BenchException("the bare baseline has neither a cache nor an ORM: drop -Dcache and -Ddb.access "
                    + "(it always sends its SQL itself, uncached)");
        }
        List<Target> targets = new ArrayList<>();
        for (Framework f : fs) {
            targets.add(Target.managed(ReferenceApps.resolved(spec(c, f), dev.fwbench.harness.BenchHome.locate())));
        }
        return targets;
    }

    /** The target the settings describe for one framework (JMH names it by its {@code @Param}). */
    public static TargetSpec spec(DriverConfig c, Framework f) {
        String own = c.read(RunSettings.VARIANT.withKey("variant." + f.id(), "server stack of " + f.id()));
        String variant = own != null ? own : c.get(RunSettings.VARIANT);
        if (variant != null && !f.variants().contains(variant)) {
            variant = own != null ? variant : null; // a shared -Dvariant applies to the frameworks that have it
        }
        int cpus = c.get(RunSettings.SERVER_CPUS);
        ResourceLimits limits = ResourceLimits.of(cpus == 0 ? null : cpus, c.get(RunSettings.SERVER_MEMORY));
        // like a shared -Dvariant, -Dcache and -Ddb.access apply to the frameworks that have them
        boolean baseline = f.isBaseline();
        return new TargetSpec(f, variant, c.get(RunSettings.WORKERS), c.get(RunSettings.THREADS), 0,
                Profile.parse(c.get(RunSettings.PROFILE)), limits, Proxy.parse(c.get(RunSettings.PROXY)),
                c.get(RunSettings.INSTANCES), baseline ? ArticleCache.OFF : ArticleCache.parse(c.get(RunSettings.CACHE)),
                baseline ? null : DbAccess.parse(c.get(RunSettings.DB_ACCESS)));
    }

    private static List<Target> external(DriverConfig c) {
        boolean allowRemote = c.get(RunSettings.ALLOW_REMOTE);
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<String, String> e : c.propertiesWithPrefix("target.").entrySet()) {
            Matcher m = NAMED_URL.matcher(e.getKey());
            if (!m.matches() || m.group(1).endsWith(".ws")) {
                continue;
            }
            String name = m.group(1);
            URI url = c.read(RunSettings.BASE_URL.withKey(e.getKey(), "URL of external target " + name));
            URI ws = c.read(RunSettings.WS_URL.withKey("target." + name + ".ws.url", "WebSocket root of " + name));
            targets.add(checked(Target.external(name, url, ws), allowRemote, "-D" + e.getKey(),
                    "-Dtarget." + name + ".ws.url"));
        }
        URI base = c.get(RunSettings.BASE_URL);
        if (base != null) {
            String t = c.get(RunSettings.TARGET);
            String name = "external";
            if (t != null && !t.equalsIgnoreCase("both")) {
                List<Framework> named = frameworks(t);
                if (named.size() > 1) {
                    throw new BenchException("-Dbase.url names one service, but -Dtarget=" + t + " names " + named.size()
                            + ": give each its own -Dtarget.NAME.url=");
                }
                name = named.get(0).id();
            }
            targets.add(checked(Target.external(name, base, c.get(RunSettings.WS_URL)), allowRemote, "-Dbase.url", "-Dws.url"));
        } else if (c.get(RunSettings.WS_URL) != null) {
            throw new BenchException("-Dws.url needs -Dbase.url (the service's HTTP root) beside it");
        }
        return targets;
    }

    private static Target checked(Target t, boolean allowRemote, String urlSetting, String wsSetting) {
        LoopbackGuard.check(t.url(), allowRemote, urlSetting);
        LoopbackGuard.check(t.wsUrl(), allowRemote, wsSetting);
        return t;
    }
}
