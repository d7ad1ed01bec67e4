package dev.fwbench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Result files that are rewritten while a run goes on ({@code suite.json} after every trial, the
 * process registry's state file) are written beside their place and moved over it, so that a
 * reader, or a JVM halted by a second Ctrl-C in the middle of a write, sees the old file or the
 * new one, never an empty or half-written one.
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /** Writes {@code file} through {@code writer}, which fills the temporary sibling it is given. */
    public static void with(Path file, IoConsumer<Path> writer) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        writer.accept(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void text(Path file, String text) throws IOException {
        with(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** What fills a file: may throw what file I/O throws. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
