package io.hami.benchmarks.demo;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.scheduling.StandInSettings;
import io.hami.model.protocol.HamiAnnotations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A burst: 40 one-GPU pods of 1 GiB each created at once against one simulated 8-GPU node (split count 10), through
 * the whole system ({@code hami demo}'s cluster: the embedded API server, the real scheduler and {@code hami node}
 * as child processes, the kube-scheduler stand-in). One shot is the time from the first creation until all 40 pods
 * are Running, i.e. allocated by the device plugin and started by the kubelet stand-in. After each shot a
 * {@link BurstBreakdown} is printed: bind calls and their failures (node-lock contention in lock mode), the time of each
 * stage per pod (webhook, creation, filter queue and calls, bind and backoff, the kubelet's reaction, Allocate, the
 * runtime's preparation, the container's start, the status seen Running) and when the last pod passed each stage.
 *
 * <p>{@code backoff}: {@code kube} is kube-scheduler's (1 s doubling to 10 s after a failed bind); {@code 50ms}
 * shows the floor the node lock alone sets. {@code lockWait}: the scheduler's {@code --node-lock-wait}; {@code 20s}
 * (the default) lets a bind wait for the held lock, {@code 0} fails it at once as HAMi does, leaving the retry to the
 * backoff. {@code mode}: {@code lock} is HAMi's node lock; {@code lockless} runs the node's plugin lockless, so binds
 * take no lock and containers get their limits from the allocation store (docs/protocol.md, "Binds without the node
 * lock"). Run from the repository root after
 * {@code ./mvnw -B -DskipTests package}: {@code java -jar benchmarks/target/benchmarks.jar BurstBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class BurstBenchmark {

    static final int PODS = 40;

    @Param({"kube", "50ms"})
    public String backoff;

    @Param({"20s", "0"})
    public String lockWait;

    @Param({"lock", "lockless"})
    public String mode;

    /**
     * The scheduler's warm-up before readiness (docs/scheduler.md, "Warm-up before readiness"): {@code on} is the
     * default; {@code off} passes {@code --warm-up-rounds 0}. Run with {@code -wi 0} to see the first burst after a
     * fresh start beside the later ones.
     */
    @Param({"on"})
    public String warmUp;

    /**
     * {@code fresh}: the shots follow the cluster's start, so the first also pays the cold start of the embedded API
     * server, the kube-scheduler stand-in and {@code hami node}. {@code restarted}: one untimed burst warms the whole
     * cluster first, then only the scheduler is restarted, so the first shot is a fresh scheduler's first burst among
     * warm peers (as after a scheduler rollout).
     */
    @Param({"fresh"})
    public String schedulerStart;

    private Path work;
    private DemoCluster cluster;
    private int round;
    private long started;
    private List<String> names = List.of();

    @Setup(Level.Trial)
    public void start() throws Exception {
        work = Files.createTempDirectory("hami-burst-");
        var settings = DemoCluster.Settings.of(work, HamiLauncher.jar(Path.of(System.getProperty("hami.cli.jar",
                        "cli/target/hami-cli.jar"))), Fixtures.inCheckout(Path.of("")),
                List.of(new NodeSpec("burst-1", "a100x8", 10, 0.5, Map.of()).withLockless(mode.equals("lockless"))))
                .withContainers("region-writer")
                .withStandIn(standIn())
                .withSchedulerArgs(warmUp.equals("off") ? List.of("--node-lock-wait", lockWait, "--warm-up-rounds", "0")
                        : List.of("--node-lock-wait", lockWait));
        cluster = DemoCluster.start(EmbeddedApiServer.start(work.resolve("api"), 0), settings);
        if (schedulerStart.equals("restarted")) {
            names = named("burst-warm-");
            burst();
            deleteAndAwaitCleared();
            names = List.of();
            cluster.scheduler().close();
            cluster.restartScheduler(Duration.ofMinutes(2));
        }
    }

    private static List<String> named(String prefix) {
        var list = new ArrayList<String>();
        for (int i = 0; i < PODS; i++) {
            list.add(prefix + i);
        }
        return List.copyOf(list);
    }

    private StandInSettings standIn() {
        var kube = StandInSettings.kubeScheduler("hami-scheduler");
        return backoff.equals("kube") ? kube : kube.withBackoff(Duration.ofMillis(50), Duration.ofMillis(50));
    }

    @Setup(Level.Iteration)
    public void clear() throws Exception {
        deleteAndAwaitCleared();
        round++;
        names = named("burst-" + round + "-");
    }

    private void deleteAndAwaitCleared() throws Exception {
        for (String name : names) {
            cluster.standIn().delete("default", name);
        }
        var client = cluster.api().client();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!client.pods().inNamespace("default").list().getItems().isEmpty()
                || lockHeld()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the previous burst did not clear");
            }
            Thread.sleep(50);
        }
    }

    private boolean lockHeld() {
        var node = cluster.api().client().nodes().withName("burst-1").get();
        var a = node.getMetadata().getAnnotations();
        return a != null && a.get(HamiAnnotations.NODE_LOCK) != null;
    }

    static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().addNewContainer()
                .withName("main").withImage("busybox").withNewResources()
                .addToLimits("nvidia.com/gpu", new Quantity("1")).addToLimits("nvidia.com/gpumem", new Quantity("1024"))
                .endResources().endContainer().endSpec().build();
    }

    @Benchmark
    public int burst() throws Exception {
        started = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (String name : names) {
                futures.add(pool.submit(() -> cluster.standIn().submit(pod(name), "default")));
            }
            for (var f : futures) {
                f.get();
            }
        }
        cluster.awaitSettled(Duration.ofMinutes(5));
        return PODS;
    }

    @TearDown(Level.Iteration)
    public void report() throws Exception {
        var records = cluster.standIn().records().stream().filter(r -> names.contains(r.name())).toList();
        System.out.println();
        System.out.println(BurstBreakdown.of(records, started, cluster.nodes().getFirst().dir().resolve("started"),
                mode.equals("lockless")).text());
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
