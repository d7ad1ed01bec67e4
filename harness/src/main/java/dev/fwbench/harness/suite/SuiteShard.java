package dev.fwbench.harness.suite;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.gatling.SimulationSettings;
import dev.fwbench.harness.injector.LeanLoad;
import dev.fwbench.harness.load.Shard;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite run as shard i of N ({@code bench run PLAN --shard i/N --start-at T}): N runners on N
 * machines play the same plan, each trial's load split N ways and started at one instant on all
 * of them. Every runner computes the same timetable from the plan, the seed and T alone, so no
 * runner talks to another: trial n's schedule starts at
 * {@code T + sum over the trials before it of their slots}, where a trial's slot is
 * {@link #lead} (its JVM, JIT warm-up, client floor and clock check, all before its start
 * instant) plus its warm-up, duration and drain, plus {@value #MARGIN_SECONDS} s for its
 * summaries and exit. Each runner launches trial n's JVM {@link #lead} before its start.
 *
 * <p>Only what can be split is accepted: lean-engine and Gatling workloads (not the WebSocket
 * simulation's long-lived connections, and not JMH, which has one request in flight) against
 * targets the shards share ({@code url:}); the seed must be the same on every runner (the
 * plan's, {@code --seed}, or else drawn from T). A Gatling trial's slot also holds its client
 * floor, which it measures after the load, and Gatling's report.
 */
record SuiteShard(Shard shard, Instant startAt, URI clockUrl) {
    static final int MARGIN_SECONDS = 5;
    /** A trial runs in a JVM of its own, started this long before the lean engine's own lead. */
    static final int JVM_SECONDS = 5;
    /** Gatling's JVM (its main, the simulation's class and Gatling's own start): started this long before its lead. */
    static final int GATLING_JVM_SECONDS = 10;
    /** After a Gatling shard's load: its injection's tail, then its report (seconds; its floor is added). */
    static final int GATLING_AFTER_SECONDS = 15;

    /** Refuses a plan a shard cannot play, naming the first cell that is not shardable. */
    void check(Plan plan) {
        for (Plan.PlanTarget t : plan.targets()) {
            if (!t.isExternal()) {
                throw new BenchException("--shard: target '" + t.name() + "' is started by each runner, so " + shard.count()
                        + " shards would load " + shard.count() + " servers: give the plan's targets as 'url:' (the "
                        + "service the shards share)");
            }
        }
        for (Plan.Workload w : plan.workloads()) {
            if (!w.engine().equals("lean") && !w.engine().equals("gatling")) {
                throw new BenchException("--shard: workload '" + w.name() + "' runs on " + w.engine() + "; only the lean "
                        + "engine's and Gatling's workloads are split across shards");
            }
            if ("WebSocketSimulation".equals(w.simulation())) {
                throw new BenchException("--shard: workload '" + w.name() + "' runs WebSocketSimulation, whose long-lived "
                        + "connections are not split across shards; use the lean engine's echo (engine: lean, requests: "
                        + "echo)");
            }
        }
    }

    /** The seed every shard uses: the plan's (or --seed), else one drawn from the start instant. */
    long seed(Plan plan) {
        return plan.seed() != null ? plan.seed() : Math.floorMod(startAt.getEpochSecond(), (long) Integer.MAX_VALUE - 1) + 1;
    }

    /** How long before its start instant a trial's JVM is launched. */
    static Duration lead(Cell c) {
        if (gatling(c)) {
            return SimulationSettings.SHARD_LEAD.plusSeconds(GATLING_JVM_SECONDS);
        }
        int floor = Integer.parseInt(c.settings().getOrDefault("client.floor.seconds", "3"));
        return LeanLoad.lead(floor).plusSeconds(JVM_SECONDS);
    }

    private static boolean gatling(Cell c) {
        return c.workload().engine().equals("gatling");
    }

    /** A trial's whole slot in the timetable, from its launch to the next trial's launch. */
    static Duration slot(Cell c) {
        Map<String, String> s = c.settings();
        long seconds = Long.parseLong(s.getOrDefault("warmup", "5")) + Long.parseLong(s.getOrDefault("duration", "30"))
                + Long.parseLong(s.getOrDefault("drain", "10")) + MARGIN_SECONDS;
        if (gatling(c)) {
            seconds += Long.parseLong(s.getOrDefault("client.floor.seconds", "3")) + GATLING_AFTER_SECONDS;
        }
        return lead(c).plusSeconds(seconds);
    }

    /** The start instant of the trial at {@code order} (1-based) in {@code slots}. */
    Instant trialStart(List<Matrix.Slot> slots, int order) {
        Instant t = startAt;
        for (Matrix.Slot s : slots) {
            if (s.order() == order) {
                return t;
            }
            t = t.plus(slot(s.cell()));
        }
        throw new IllegalArgumentException("no trial " + order);
    }

    /** The -D settings that make a trial's driver this shard. */
    Map<String, String> properties(Instant trialStart) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Shard.SHARD.key(), shard.toString());
        m.put(Shard.START_AT.key(), trialStart.toString());
        if (clockUrl != null) {
            m.put(Shard.CLOCK_URL.key(), clockUrl.toString());
        }
        return m;
    }

    /** The suite's run.json "shard". */
    Map<String, Object> facts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", shard.index());
        m.put("count", shard.count());
        m.put("startAt", startAt.toString());
        m.put("clockUrl", clockUrl == null ? null : clockUrl.toString());
        m.put("timetable", "trial n starts at startAt + the slots of the trials before it; a slot is the lead (JVM, "
                + "JIT warm-up, client floor, clock check) + warm-up + duration + drain + " + MARGIN_SECONDS + " s");
        return m;
    }
}
