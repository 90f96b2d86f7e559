package io.hami.demo.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One child process of the demo: its standard output is kept line by line (for the {@code READY} line of
 * {@code hami node}), its standard error goes to a log file, and its standard input stays open until {@link #close}:
 * closing it is the child's signal to stop ({@link ChildMain}), SIGTERM the second and SIGKILL the last.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread.ofPlatform().daemon().name(name + "-stdout").start(this::pump);
    }

    /**
     * Starts {@code command} with {@code env} added to this process's environment; standard error is written to
     * {@code log}.
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        var builder = new ProcessBuilder(command).redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.getFirst(), e);
        }
    }

    private void pump() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; waiters see it through isAlive
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /**
     * Waits for the first standard output line that {@code wanted} accepts.
     *
     * @throws TimeoutException when none came in time
     * @throws IllegalStateException when the process ended first, with the end of its log
     */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws TimeoutException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                if (!process.isAlive() && !hasMoreOutput()) {
                    throw new IllegalStateException(name + " exited with code " + process.exitValue()
                            + " before it was ready; its log ends with:\n" + logTail(20));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(name + " was not ready after " + timeout.toSeconds()
                            + " s; its log ends with:\n" + logTail(20));
                }
                lines.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
            }
        }
    }

    private boolean hasMoreOutput() {
        try {
            return process.getInputStream().available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last {@code n} lines of the child's standard error. */
    public String logTail(int n) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The process's name in the demo. */
    public String name() {
        return name;
    }

    /** Its log file. */
    public Path log() {
        return log;
    }

    /** Its pid. */
    public long pid() {
        return process.pid();
    }

    /** Whether it still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Its exit code, when it has ended. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Kills it at once with SIGKILL, as a crash or the OOM killer would, and returns when it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Closes its standard input, then SIGTERM, then SIGKILL, each after a grace period; returns when it is gone. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the next steps still apply
        }
        try {
            if (process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            process.destroy();
            if (process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
