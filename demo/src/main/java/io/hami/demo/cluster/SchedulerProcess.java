package io.hami.demo.cluster;

import io.hami.demo.process.ChildProcess;
import io.hami.demo.process.HamiLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The real scheduler, {@code hami scheduler}, as a child process: plain HTTP on loopback (the extender, the webhook and
 * the metrics and the allocation page each on a port of their own), the kubeconfig of the demo's API, scheduler
 * name {@code hami-scheduler}.
 * Ready when {@code /readyz} answers 200.
 */
public final class SchedulerProcess implements AutoCloseable {

    /** The scheduler name the webhook writes and the stand-in schedules. */
    public static final String SCHEDULER_NAME = "hami-scheduler";

    private final ChildProcess process;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path logDir;
    private final int generation;
    private final URI extender;
    private final URI webhook;
    private final URI metrics;
    private final URI allocationPage;

    private SchedulerProcess(ChildProcess process, List<String> command, Map<String, String> env, Path logDir,
                             int generation, URI extender, URI webhook, URI metrics, URI allocationPage) {
        this.allocationPage = allocationPage;
        this.process = process;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.logDir = logDir;
        this.generation = generation;
        this.extender = extender;
        this.webhook = webhook;
        this.metrics = metrics;
    }

    /**
     * Starts it with the extender on {@code port} (0: a free one) and waits until it is ready.
     *
     * @param extraArgs further {@code hami scheduler} flags (e.g. {@code --node-lock-timeout})
     */
    public static SchedulerProcess start(HamiLauncher launcher, Path kubeconfig, Path logDir, int port,
                                         List<String> extraArgs, Duration timeout)
            throws TimeoutException, InterruptedException {
        int http = port == 0 ? freePort() : port;
        int webhookPort = freePort();
        int metricsPort = freePort();
        int pagePort = freePort();
        var args = new ArrayList<>(List.of("scheduler", "--plain-http", "--http_bind", "127.0.0.1:" + http,
                "--webhook_bind", "127.0.0.1:" + webhookPort, "--metrics-bind-address", "127.0.0.1:" + metricsPort,
                "--allocation-page-address", "127.0.0.1:" + pagePort, "--scheduler-name", SCHEDULER_NAME,
                // The demo's API server is its own, on this machine: no client-side rate limit (HAMi's default of 5
                // requests a second would make the races measure the limit, not the scheduler).
                "--kube-qps=-1"));
        args.addAll(extraArgs);
        var command = launcher.command(List.of(), args);
        var env = Map.of("KUBECONFIG", kubeconfig.toString(), "HAMI_LOG_LEVEL", "WARN");
        var child = ChildProcess.start("scheduler", command, env, logDir.resolve("scheduler.log"));
        var scheduler = new SchedulerProcess(child, command, env, logDir, 1, URI.create("http://127.0.0.1:" + http),
                URI.create("http://127.0.0.1:" + webhookPort), URI.create("http://127.0.0.1:" + metricsPort + "/metrics"),
                URI.create("http://127.0.0.1:" + pagePort + "/"));
        return awaitReady(scheduler, child, timeout);
    }

    /**
     * Starts a new scheduler with the same command and ports once this one has ended (after {@link ChildProcess#kill}),
     * logging to {@code scheduler-<n>.log}, and waits until it is ready.
     *
     * @throws IllegalStateException when this one still runs
     */
    public SchedulerProcess restart(Duration timeout) throws TimeoutException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("the scheduler still runs (pid " + process.pid() + ")");
        }
        int next = generation + 1;
        var child = ChildProcess.start("scheduler", command, env, logDir.resolve("scheduler-" + next + ".log"));
        return awaitReady(new SchedulerProcess(child, command, env, logDir, next, extender, webhook, metrics,
                allocationPage), child, timeout);
    }

    private static SchedulerProcess awaitReady(SchedulerProcess scheduler, ChildProcess child, Duration timeout)
            throws TimeoutException, InterruptedException {
        try {
            scheduler.awaitReady(timeout);
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            child.close();
            throw e;
        }
        return scheduler;
    }

    private void awaitReady(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (true) {
                try {
                    var r = http.send(HttpRequest.newBuilder(extender.resolve("/readyz"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("hami scheduler exited with code " + process.exitCode()
                            .orElse(-1) + "; its log ends with:\n" + process.logTail(20));
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("hami scheduler not ready after " + timeout.toSeconds()
                            + " s; its log ends with:\n" + process.logTail(20));
                }
                Thread.sleep(50);
            }
        }
    }

    /** A free loopback port, released for the child to bind (a race with other processes is possible, rare). */
    static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** The scheduler's pid. */
    public long pid() {
        return process.pid();
    }

    /** The extender's base URL ({@code /filter}, {@code /bind}). */
    public URI extender() {
        return extender;
    }

    /** The webhook's base URL ({@code /webhook}). */
    public URI webhook() {
        return webhook;
    }

    /** The scheduler's {@code /metrics}. */
    public URI metrics() {
        return metrics;
    }

    /** The read-only allocation page (docs/scheduler.md, "The allocation page"). */
    public URI allocationPage() {
        return allocationPage;
    }

    /** The child process. */
    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
