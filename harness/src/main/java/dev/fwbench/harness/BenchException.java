package dev.fwbench.harness;

/**
 * A failure the user can act on. Its message is one line that names the problem and the
 * fix; the CLI prints it without a stack trace. Anything else that escapes is a bug.
 */
public class BenchException extends RuntimeException {
    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
