package dev.fwbench.harness.service;

import dev.fwbench.harness.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A child process of the harness as a part of a running target. */
public record ProcessPart(ChildProcess process) implements ServicePart {

    @Override
    public String name() {
        return process.name();
    }

    @Override
    public Path logFile() {
        return process.logFile();
    }

    @Override
    public List<Long> pids() {
        return process.treePids();
    }

    @Override
    public String containerId() {
        return null;
    }

    @Override
    public String exitReport() {
        return process.isAlive() ? null : process.name() + " exited with code " + process.exitValue() + "; "
                + process.logFile() + " ends with:\n" + process.logTail(25);
    }

    @Override
    public void stop(Duration grace) {
        process.stop(grace);
    }
}
