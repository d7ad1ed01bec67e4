/**
 * Many injectors as one run. Each shard ({@code load.Shard}, played by the lean engine or a
 * Gatling simulation) checks its start instant and records its part with
 * {@link dev.fwbench.harness.shards.ShardPart}, checks
 * its clock against the shards' reference ({@link dev.fwbench.harness.shards.ClockServer},
 * {@code bench clock}) with {@link dev.fwbench.harness.shards.ClockCheck} (Cristian's algorithm:
 * a {@link dev.fwbench.harness.shards.ClockOffset} with its error) and records its
 * {@link dev.fwbench.harness.shards.ClockDomain} (the kernel whose clock it read);
 * {@link dev.fwbench.harness.shards.ShardMerge} ({@code bench merge}) makes the shards' run
 * directories into one of the normal layout, their interval logs merged on absolute time by
 * {@link dev.fwbench.harness.shards.IntervalMerge}, and marks the merged run invalid with the
 * reasons {@link dev.fwbench.harness.shards.ShardVerdict} finds (a shard that fell behind, ran
 * out of CPU, sent late, started late or whose clock was off).
 */
package dev.fwbench.harness.shards;
