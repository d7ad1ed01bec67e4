package dev.fwbench.harness.app;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Remembers that an install or build step ran for a given set of inputs: a file holding
 * the SHA-256 of those inputs, written only after the step succeeded. A changed lockfile or
 * source file changes the hash and the step runs again; an interrupted step leaves no
 * stamp, so it is never mistaken for a finished one.
 */
public final class InstallStamp {
    private final Path stampFile;
    private final String hash;

    public InstallStamp(Path stampFile, List<Path> inputs, String extra) {
        this.stampFile = stampFile;
        this.hash = hash(inputs, extra);
    }

    public boolean isCurrent() {
        try {
            return Files.isRegularFile(stampFile) && Files.readString(stampFile).trim().equals(hash);
        } catch (IOException e) {
            return false;
        }
    }

    public void markDone() {
        try {
            Files.createDirectories(stampFile.getParent());
            Files.writeString(stampFile, hash + "\n");
        } catch (IOException e) {
            throw new BenchException("cannot write " + stampFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} (an install or build step, described by {@code what} in the progress
     * line) unless this stamp is current, and marks it done once the work succeeded.
     */
    public void ensure(String what, Runnable work) {
        if (isCurrent()) {
            return;
        }
        long t0 = System.nanoTime();
        Console.info("%s...", what);
        work.run();
        markDone();
        Console.info("done in %s", Console.human(java.time.Duration.ofNanos(System.nanoTime() - t0)));
    }

    public String hash() {
        return hash;
    }

    /** Hash of the files (directories are walked, in sorted order) and of {@code extra}. */
    static String hash(List<Path> inputs, String extra) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path input : inputs) {
                if (Files.isDirectory(input)) {
                    try (Stream<Path> walk = Files.walk(input)) {
                        for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                            md.update(input.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                            md.update(Files.readAllBytes(f));
                        }
                    }
                } else if (Files.isRegularFile(input)) {
                    md.update(input.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    md.update(Files.readAllBytes(input));
                }
            }
            md.update(extra.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Holds an exclusive lock on {@code lockFile} while {@code work} runs, so two harness
     * processes (say, a test run and a {@code ./bench serve}) never install into the same
     * folder at once.
     */
    public static void underLock(Path lockFile, Runnable work) {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            work.run();
        } catch (IOException e) {
            throw new BenchException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }
}
