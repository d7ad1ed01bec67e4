package dev.fwbench.harness.latency;

/** Where the capture reads time: {@link System#nanoTime()} in runs, a fake clock in tests. */
@FunctionalInterface
public interface NanoClock {
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
