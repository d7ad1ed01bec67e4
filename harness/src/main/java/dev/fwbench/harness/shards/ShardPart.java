package dev.fwbench.harness.shards;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.latency.LatencySummary;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import dev.fwbench.harness.run.RunContext;
import dev.fwbench.harness.run.TargetResolver;
import dev.fwbench.harness.targets.Target;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One injector's part of a sharded run, as every sharded driver (the lean engine, a Gatling
 * simulation) plays it: the shared start instant ({@code -Dstart.at}) checked before anything
 * starts ({@link #check}); {@code run.json}'s {@code "shard"}, which {@link ShardMerge} reads,
 * kept up to date as the run learns its clock offset, its late start and its verdict.
 */
public final class ShardPart {
    private final RunContext ctx;
    private final Shard shard;
    private final LoadShape plan;
    private final Instant startAt;
    private final Map<String, Object> facts;
    private ClockOffset clock;
    private Double lateStartMs;

    private ShardPart(RunContext ctx, Shard shard, LoadShape plan, Instant startAt, Map<String, Object> facts) {
        this.ctx = ctx;
        this.shard = shard;
        this.plan = plan;
        this.startAt = startAt;
        this.facts = facts;
        ctx.run().put("shard", facts);
    }

    /**
     * Records this injector's part in {@code ctx}'s run.json.
     *
     * @param connections   the plan's connection bound, split like the users (null: the driver has none)
     * @param wsConnections the plan's WebSocket connections, split likewise (null: none)
     */
    public static ShardPart record(RunContext ctx, Shard shard, LoadShape plan, Instant startAt, Integer connections,
                                   Integer wsConnections) {
        return new ShardPart(ctx, shard, plan, startAt, facts(shard, plan, startAt, connections, wsConnections));
    }

    public Shard shard() {
        return shard;
    }

    /**
     * Measures this host's clock against the shards' reference ({@code clockUrl}; null: none)
     * and records it; {@link #localStart} then moves by it.
     */
    public void checkClock(URI clockUrl) {
        if (clockUrl == null) {
            return;
        }
        clock = ClockCheck.measure(clockUrl);
        put("clock", clock);
        Console.info("shard %s: clock offset to %s %+.3f ms (+- %.3f ms, half the best of %d round trips)", shard, clockUrl,
                clock.offsetMs(), clock.errorMs(), clock.samples());
    }

    /** The shared instant on this host's clock: the reference's instant less this clock's offset to it (unchecked: as is). */
    public Instant localStart() {
        return startAt.minusNanos(clock == null ? 0 : Math.round(clock.offsetMs() * 1e6));
    }

    /** How this shard's interval logs name it ("shard 2/3 of the run from T (...)"). */
    public String source(String how) {
        return "shard " + shard + " of the run from " + startAt + " (" + how + ")";
    }

    /** Records a fact under run.json's "shard" (e.g. how late its schedule began). */
    public void put(String key, Object value) {
        facts.put(key, value);
        ctx.run().put("shard", facts);
    }

    /** Records how late its schedule began after the start instant (0: on time; null: unknown). */
    public void lateStart(Double ms) {
        lateStartMs = ms;
        put("lateStartMs", ms);
    }

    /**
     * Judges this shard by what it recorded ({@link ShardVerdict}), records the reasons as
     * {@code "fellBehind"} and prints each: any of them will mark the merged run invalid.
     */
    public List<String> judge(LatencySummary summary) {
        List<String> reasons = ShardVerdict.reasons(shard, plan, summary, clock, false, lateStartMs,
                ClockOffset.DEFAULT_BOUND_MS);
        put("fellBehind", reasons);
        reasons.forEach(r -> Console.warn("%s: the merge will mark the run invalid", r));
        return reasons;
    }

    /**
     * The start instant, checked, or null for an injector alone without one: required for a
     * shard; a shard loads exactly one service that the shards share (an external target: N
     * injectors each starting their own server would load N servers); the closed model's users
     * and each of {@code split} (connection bounds) must give every shard at least one; and the
     * instant must be at least {@code lead} away (what the driver does before it).
     *
     * @param before what the driver does in {@code lead}, for the error ("JIT warm-up, 5 s of client floor")
     */
    public static Instant check(DriverConfig config, Shard shard, LoadShape shape, List<Setting<Integer>> split,
                                Duration lead, String before) {
        String text = config.get(Shard.START_AT);
        if (text == null) {
            if (!shard.isWhole()) {
                throw new BenchException("-Dshard=" + shard + " needs -Dstart.at=<UTC instant>, the same for every shard, "
                        + "e.g. -Dstart.at=" + Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
            }
            return null;
        }
        Instant at = Shard.parseStart(text, "-Dstart.at");
        shard.part(shape); // each shard has at least one user
        for (Setting<Integer> bound : split) {
            if (config.get(bound) < shard.count()) {
                throw new BenchException("-D" + bound.key() + "=" + config.get(bound) + " cannot be split over "
                        + shard.count() + " shards: each needs at least one");
            }
        }
        List<Target> targets = TargetResolver.resolve(config, "both");
        if (targets.size() != 1 || !targets.get(0).isExternal()) {
            throw new BenchException("-Dstart.at loads one service the shards share: give its URL (-Dbase.url=, or one "
                    + "-Dtarget.NAME.url=), not " + String.join(", ", targets.stream().map(Target::name).toList()));
        }
        if (Instant.now().plus(lead).isAfter(at)) {
            throw new BenchException("-Dstart.at=" + at + " is " + Math.max(0, Duration.between(Instant.now(), at)
                    .toSeconds()) + " s away: this injector needs " + lead.toSeconds() + " s before it (" + before
                    + "): give a later instant");
        }
        return at;
    }

    /**
     * run.json's "shard": which part of the plan this injector plays, and when.
     *
     * @param connections   the plan's connection bound, split like the users (null: the driver has none)
     * @param wsConnections the plan's WebSocket connections, split likewise (null: none)
     */
    private static Map<String, Object> facts(Shard shard, LoadShape shape, Instant startAt, Integer connections,
                                            Integer wsConnections) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", shard.index());
        m.put("count", shard.count());
        m.put("startAt", startAt.toString());
        m.put("plan", shape.toMap());
        m.put("part", shape.model() == LoadShape.Model.OPEN
                ? "the plan's arrivals k with k mod " + shard.count() + " = " + (shard.index() - 1) + ", each at its due time"
                : shard.users(shape.users()) + " of the plan's " + shape.users() + " users");
        if (connections != null) {
            m.put("connections", shard.users(connections));
        }
        if (wsConnections != null) {
            m.put("webSocketConnections", shard.users(wsConnections));
        }
        m.put("clockDomain", ClockDomain.current());
        return m;
    }
}
