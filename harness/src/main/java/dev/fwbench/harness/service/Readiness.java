package dev.fwbench.harness.service;

import dev.fwbench.harness.BenchException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Waits until a service answers, the one way the harness does it for every kind of service
 * (an app's {@code /health}, a JDBC connection, a Redis PING), as processes or containers:
 * one attempt every {@code interval}, failing fast when a part of the service has exited.
 */
public final class Readiness {

    /** One attempt: the answer once ready, null (or an exception, whose message is kept) while not yet. */
    @FunctionalInterface
    public interface Attempt<T> {
        T tryOnce() throws Exception;
    }

    private Readiness() {
    }

    /**
     * @param what      the service, as error messages name it
     * @param parts     checked before each attempt: one that exited ends the wait at once
     * @param onTimeout the whole error message, given the last reason the attempt was not ready
     */
    public static <T> T await(String what, List<? extends ServicePart> parts, Duration timeout, Duration interval,
                              Attempt<T> attempt, Function<String, String> onTimeout) {
        return await(what, parts, timeout, interval, () -> false, attempt, onTimeout);
    }

    /**
     * As above; {@code cancelled} is checked before each attempt, so that a shutdown (Ctrl-C)
     * ends the wait within one interval instead of at the timeout.
     */
    public static <T> T await(String what, List<? extends ServicePart> parts, Duration timeout, Duration interval,
                              BooleanSupplier cancelled, Attempt<T> attempt, Function<String, String> onTimeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() - deadline < 0) {
            if (cancelled.getAsBoolean()) {
                throw new BenchException("stopped waiting for " + what + ": the harness is shutting down (Ctrl-C or SIGTERM)");
            }
            for (ServicePart p : parts) {
                String exit = p.exitReport();
                if (exit != null) {
                    throw new BenchException(what + " stopped before it was ready: " + exit);
                }
            }
            try {
                T answer = attempt.tryOnce();
                if (answer != null) {
                    return answer;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while waiting for " + what);
            } catch (Exception e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while waiting for " + what);
            }
        }
        throw new BenchException(onTimeout.apply(last));
    }
}
