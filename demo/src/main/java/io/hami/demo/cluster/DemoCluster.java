package io.hami.demo.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.demo.api.ApiServer;
import io.hami.demo.containerd.DemoContainerd;
import io.hami.demo.node.NodeStartException;
import io.hami.demo.node.RuncRuntime;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.report.ClusterSnapshot;
import io.hami.demo.scheduling.ExtenderClient;
import io.hami.demo.scheduling.KubeSchedulerStandIn;
import io.hami.demo.scheduling.PodRecord;
import io.hami.demo.scheduling.StandInSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The whole system on one machine: an API server (embedded or external), the real scheduler and one
 * {@code hami node} per {@link NodeSpec} as child processes (the nodes of device types whose plugin is their vendor's
 * own in this JVM, see {@link NodeProcess}), and the kube-scheduler stand-in in this JVM. Used by
 * {@code hami demo}, its end-to-end test, the burst benchmark, the race simulation and the K3s test.
 *
 * <p>{@link #start} returns when every node is registered in the scheduler's state; {@link #close} stops
 * everything it started, and a shutdown hook does so when the JVM exits first.
 */
public final class DemoCluster implements AutoCloseable {

    /** What to start. */
    public record Settings(Path workDir, HamiLauncher launcher, Fixtures fixtures, List<NodeSpec> nodes,
                           int schedulerPort, List<String> schedulerArgs, StandInSettings standIn,
                           String containers, Duration startTimeout) {

        public Settings {
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(launcher, "launcher");
            Objects.requireNonNull(fixtures, "fixtures");
            nodes = List.copyOf(nodes);
            if (nodes.stream().map(NodeSpec::name).distinct().count() != nodes.size()) {
                throw new IllegalArgumentException("node names must be distinct");
            }
            schedulerArgs = List.copyOf(schedulerArgs);
            Objects.requireNonNull(standIn, "standIn");
            Objects.requireNonNull(containers, "containers");
        }

        /** kube-scheduler's concurrency, region-writer containers, any free scheduler port, 120 s to start. */
        public static Settings of(Path workDir, HamiLauncher launcher, Fixtures fixtures, List<NodeSpec> nodes) {
            return new Settings(workDir, launcher, fixtures, nodes, 0, List.of(),
                    StandInSettings.kubeScheduler(SchedulerProcess.SCHEDULER_NAME), "region-writer",
                    Duration.ofSeconds(120));
        }

        public Settings withStandIn(StandInSettings s) {
            return new Settings(workDir, launcher, fixtures, nodes, schedulerPort, schedulerArgs, s, containers,
                    startTimeout);
        }

        public Settings withSchedulerPort(int port) {
            return new Settings(workDir, launcher, fixtures, nodes, port, schedulerArgs, standIn, containers,
                    startTimeout);
        }

        public Settings withSchedulerArgs(List<String> args) {
            return new Settings(workDir, launcher, fixtures, nodes, schedulerPort, args, standIn, containers,
                    startTimeout);
        }

        public Settings withStartTimeout(Duration timeout) {
            return new Settings(workDir, launcher, fixtures, nodes, schedulerPort, schedulerArgs, standIn, containers,
                    timeout);
        }

        public Settings withContainers(String mode) {
            return new Settings(workDir, launcher, fixtures, nodes, schedulerPort, schedulerArgs, standIn, mode,
                    startTimeout);
        }
    }

    private final ApiServer api;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private SchedulerProcess scheduler;
    private ExtenderClient extender;
    private KubeSchedulerStandIn standIn;
    private final Thread hook = Thread.ofPlatform().unstarted(this::stopAll);
    private boolean closed;

    private DemoCluster(ApiServer api) {
        this.api = api;
    }

    /**
     * Starts the scheduler and the nodes against {@code api} (which the cluster owns from now on and closes), then
     * the stand-in; returns when every node's devices are in the scheduler's state.
     *
     * @throws TimeoutException naming the part that was not ready in time
     */
    public static DemoCluster start(ApiServer api, Settings settings) throws TimeoutException,
            InterruptedException {
        var cluster = new DemoCluster(api);
        Runtime.getRuntime().addShutdownHook(cluster.hook);
        cluster.started.add(api);
        try {
            cluster.boot(settings);
            return cluster;
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void boot(Settings s) throws TimeoutException, InterruptedException {
        Path logs = s.workDir().resolve("logs");
        var starting = new ArrayList<NodeProcess.Starting>();
        try {
            Optional<DemoContainerd.Image> image = Optional.empty();
            if (s.containers().equals("containerd")) {
                // nativeDir is <checkout>/test-fixtures/target/native
                var checkout = s.fixtures().nativeDir().toAbsolutePath().getParent().getParent().getParent();
                image = Optional.of(DemoContainerd.buildImage(checkout,
                        s.fixtures().nativeDir().resolve(RuncRuntime.STATIC_REGION_WRITER), s.workDir().resolve("image")));
            }
            for (int i = 0; i < s.nodes().size(); i++) {
                var node = NodeProcess.start(s.launcher(), s.fixtures(), s.nodes().get(i), i + 1,
                        api.kubeconfig(), api.client(), s.workDir(), s.containers(), image);
                starting.add(node);
                started.add(node.resources());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a node under " + s.workDir(), e);
        } catch (NodeStartException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        scheduler = SchedulerProcess.start(s.launcher(), api.kubeconfig(), logs, s.schedulerPort(),
                s.schedulerArgs(), s.startTimeout());
        started.add(scheduler);
        for (var node : starting) {
            nodes.add(node.awaitReady(s.startTimeout()));
        }
        awaitRegistered(s.startTimeout());
        extender = new ExtenderClient(scheduler.extender(), scheduler.webhook());
        started.add(extender);
        standIn = new KubeSchedulerStandIn(api.client(), extender, s.standIn());
        started.add(standIn);
    }

    /** Waits until the scheduler's metrics list devices of every node: its state has them. */
    private void awaitRegistered(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> missing = List.of();
        while (System.nanoTime() < deadline) {
            String metrics = fetch(scheduler.metrics());
            missing = nodes.stream().map(n -> n.spec().name())
                    .filter(name -> !Pattern.compile("hami_gpu_memory_limit_bytes\\{[^}]*node=\"" + Pattern.quote(name)
                            + "\"").matcher(metrics).find()).toList();
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("the scheduler has not registered the devices of " + missing + " after "
                + timeout.toSeconds() + " s");
    }

    /** GETs {@code uri} as text; empty when it cannot be reached. */
    public static String fetch(URI uri) {
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            var r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Submits each pod through the stand-in (webhook, create, schedule) in {@code namespace}. */
    public List<PodRecord> submit(List<Pod> pods, String namespace) throws IOException, InterruptedException {
        var records = new ArrayList<PodRecord>();
        for (Pod pod : pods) {
            records.add(standIn.submit(pod, namespace));
        }
        return records;
    }

    /**
     * Waits until scheduling settled and every bound pod left {@code Pending} (Running, or Failed at admission).
     */
    public void awaitSettled(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        standIn.awaitSettled(timeout);
        while (true) {
            var waiting = standIn.records().stream().filter(r -> r.state() == PodRecord.State.BOUND
                    && !(r.phase().equals("Running") || r.phase().equals("Failed") || r.phase().equals("Succeeded")))
                    .map(PodRecord::name).toList();
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("bound pods not started within " + timeout.toSeconds() + " s: " + waiting);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until each NVIDIA node's monitor reports memory in use for every GPU container of the Running pods on it
     * (the monitor finds a new container's region on its next pass, every 5 s); nodes whose containers use nothing,
     * and the other vendors' nodes, whose containers run no HAMi-core, are not waited for. Returns the containers still missing when {@code timeout} passed, empty when none.
     */
    public List<String> awaitMonitors(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> missing;
        do {
            var snapshot = snapshot();
            missing = new ArrayList<>();
            for (NodeProcess node : nodes) {
                if (!node.spec().nvidia() || node.spec().usedFraction() == 0) {
                    continue;
                }
                String metrics = fetch(node.metrics());
                var reporting = new java.util.HashSet<String>();
                for (var sample : io.hami.demo.report.PromText.parse(metrics)) {
                    if (sample.name().equals("hami_vgpu_memory_used_bytes") && sample.value() > 0) {
                        reporting.add(sample.labels().get("namespace") + "/" + sample.labels().get("pod") + "/"
                                + sample.labels().get("container"));
                    }
                }
                for (var pod : snapshot.pods()) {
                    if (!pod.node().equals(node.spec().name()) || !pod.phase().equals("Running")) {
                        continue;
                    }
                    for (String container : pod.gpuContainers()) {
                        String key = pod.namespace() + "/" + pod.name() + "/" + container;
                        if (!reporting.contains(key)) {
                            missing.add(key);
                        }
                    }
                }
            }
            if (missing.isEmpty()) {
                return List.of();
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return missing;
    }

    /** The API server. */
    public ApiServer api() {
        return api;
    }

    /** The scheduler process. */
    public SchedulerProcess scheduler() {
        return scheduler;
    }

    /**
     * Starts the scheduler again on its ports after it ended (killed by a test, say), and waits until it is ready;
     * the stand-in keeps calling the same extender URL.
     */
    public synchronized void restartScheduler(Duration timeout) throws TimeoutException, InterruptedException {
        var next = scheduler.restart(timeout);
        started.set(started.indexOf(scheduler), next);
        scheduler = next;
    }

    /** The nodes, in the order of the settings. */
    public List<NodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** The kube-scheduler stand-in. */
    public KubeSchedulerStandIn standIn() {
        return standIn;
    }

    /** Reads what the cluster holds now: nodes, pods, allocations and the monitors' metrics. */
    public ClusterSnapshot snapshot() {
        var monitors = new java.util.LinkedHashMap<String, URI>();
        nodes.forEach(n -> monitors.put(n.spec().name(), n.metrics()));
        return ClusterSnapshot.read(api.client(), scheduler.metrics(), monitors, standIn.records(), DemoCluster::fetch);
    }

    /** Stops everything it started, children in parallel, then the API server. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs (or ran) stopAll
        }
    }

    /** Synchronized as a whole: a second caller (the shutdown hook, say) returns once everything is stopped. */
    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> toClose = new ArrayList<>(started).reversed();
        AutoCloseable apiLast = toClose.remove(toClose.size() - 1); // the API server was added first
        var threads = toClose.stream().map(c -> Thread.ofPlatform().start(() -> closeQuietly(c))).toList();
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closeQuietly(apiLast);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // shutting down: the rest still has to stop
        }
    }
}
