package dev.fwbench.harness.shards;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.config.Setting;
import dev.fwbench.harness.load.LoadShape;
import dev.fwbench.harness.load.Shard;
import dev.fwbench.harness.run.TargetResolver;
import dev.fwbench.harness.targets.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every sharded driver (the lean engine, a Gatling simulation) checks and records before
 * its part of the load: the shared start instant ({@code -Dstart.at}), which it must reach in
 * time, and {@code run.json}'s {@code "shard"}, which {@link ShardMerge} reads.
 */
public final class ShardStart {
    private ShardStart() {
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

    /** The shared instant on this host's clock: the reference's instant less this clock's offset to it (none: as is). */
    public static Instant local(Instant startAt, ClockOffset clock) {
        return startAt.minusNanos(clock == null ? 0 : Math.round(clock.offsetMs() * 1e6));
    }

    /**
     * run.json's "shard": which part of the plan this injector plays, and when.
     *
     * @param connections   the plan's connection bound, split like the users (null: the driver has none)
     * @param wsConnections the plan's WebSocket connections, split likewise (null: none)
     */
    public static Map<String, Object> facts(Shard shard, LoadShape shape, Instant startAt, Integer connections,
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
