package io.hami.scheduler.warmup;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hami.scheduler.bind.Binder;
import io.hami.scheduler.bind.FilteredPods;
import io.hami.scheduler.bind.PodPatches;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.extender.ExtenderJson;
import io.hami.scheduler.extender.ExtenderRoutes;
import io.hami.scheduler.extender.FilterService;
import io.hami.scheduler.http.HttpFront;
import io.hami.scheduler.lock.Backoff;
import io.hami.scheduler.lock.NodeLockQueue;
import io.hami.scheduler.lock.NodeLocks;
import io.hami.scheduler.metrics.SchedulerMetrics;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.webhook.Admission;
import io.hami.scheduler.webhook.AdmissionReviews;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The start-up warm-up (docs/scheduler.md, "Warm-up before readiness"): a freshly started JVM interprets the filter,
 * the bind, the webhook and the JSON and HTTP code under them until its JIT compilers have seen them run often enough,
 * so the first burst after a restart took several times as long as a later one. Before the daemon reports ready, the
 * warm-up runs the same code paths over loopback HTTP against a {@link SyntheticCluster}: a webhook review, a filter
 * and a bind per synthetic pod, each pod then deleted, for a bounded number of rounds and a bounded time.
 *
 * <p>Everything it touches is its own: its cluster state, node locks, metrics registry and listeners on ephemeral
 * loopback ports; its writes are answered by the synthetic cluster. No request reaches the API server, no event is
 * recorded, and the daemon's state never sees its pods.
 */
public final class Warmup {

    /** Synthetic nodes: enough that the filter ranks and the snapshot shards as on a real cluster. */
    static final int NODES = 64;

    private Warmup() {
    }

    /**
     * What a warm-up did.
     *
     * @param rounds     rounds run
     * @param scheduled  filters that placed their pod
     * @param bound      binds that succeeded
     * @param podsLeft   pods still counted by the warm-up's own state when it ended (its reservations)
     * @param locksLeft  node locks of the synthetic cluster still held when it ended
     * @param took       how long it ran
     */
    public record Outcome(int rounds, int scheduled, int bound, int podsLeft, int locksLeft, Duration took) {
    }

    /**
     * Runs the warm-up for the daemon configured by {@code config}, within {@link DaemonConfig#warmUp()}; its device
     * types decide the synthetic devices (NVIDIA's when configured, else the first type that registers its devices by
     * annotation; with none, nothing runs).
     *
     * @throws IOException when no loopback port can be bound
     */
    public static Outcome run(DaemonConfig config, KubernetesSerialization kube, Clock clock)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Optional<DeviceType> type = config.decision().types().byId("nvidia").or(() -> config.decision().types().all()
                .stream().filter(t -> t.descriptor().annotations().nodeRegister().isPresent()).findFirst());
        DaemonConfig.WarmUp settings = config.warmUp();
        if (!settings.enabled() || type.isEmpty()) {
            return new Outcome(0, 0, 0, 0, 0, Duration.ZERO);
        }
        var types = config.decision().types();
        var cluster = new SyntheticCluster(type.get(), NODES);
        try (var state = new ClusterState(types, clock, Map.of(), Duration.ofMinutes(5), cluster).start()) {
            cluster.nodes().forEach(state::putNode);
            state.markSynced();
            state.flush().join();
            var metrics = new SchedulerMetrics(state::snapshot, false, Map.of());
            var filtered = new FilteredPods(clock, Duration.ofMinutes(5), 1000);
            var locks = new NodeLockQueue(new NodeLocks(cluster, clock, Duration.ofMinutes(5),
                    Backoff.hami(RandomGenerator.getDefault(), Backoff.Sleeper.THREAD)), metrics::lockWaited);
            var patches = new PodPatches(Duration.ofSeconds(5), Duration.ofMinutes(5));
            var binder = new Binder(config.schedulerName(), filtered, patches, cluster, state, locks, cluster,
                    EventSink.NONE, metrics, types, clock, Duration.ofSeconds(5), Duration.ofSeconds(5));
            var filter = new FilterService(state, cluster, filtered, patches, config.decision(), cluster,
                    EventSink.NONE, metrics, clock, Duration.ofSeconds(5));
            var json = new ExtenderJson(kube);
            var reviews = new AdmissionReviews(kube, new Admission.Settings(config.schedulerName(),
                    config.forceOverwriteDefaultScheduler(), types, config.nvidia()), () -> state.snapshot().quotas());
            var loopback = new DaemonConfig.Endpoint("127.0.0.1", 0);
            try (var front = HttpFront.start(loopback, loopback, loopback, Optional.empty(), false,
                    ExtenderRoutes.of(json, filter, binder), reviews::answer, metrics.registry(),
                    ExtenderRoutes.failure(json));
                 var extender = new LoopbackClient(front.port());
                 var webhook = new LoopbackClient(front.webhookPort())) {
                var rounds = new Rounds(extender, webhook, kube, cluster, state, config.schedulerName());
                long deadline = start + settings.time().toNanos();
                int n = 0;
                while (n < settings.rounds() && System.nanoTime() - deadline < 0) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("the daemon is closing");
                    }
                    rounds.run(n++);
                }
                state.flush().join();
                return new Outcome(n, rounds.scheduled, rounds.bound, state.snapshot().pods().size(),
                        cluster.heldLocks(), Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    /** One round after another: a review, a filter and a bind of a new synthetic pod, then its deletion. */
    private static final class Rounds {
        private final LoopbackClient extender;
        private final LoopbackClient webhook;
        private final KubernetesSerialization kube;
        private final SyntheticCluster cluster;
        private final ClusterState state;
        private final String schedulerName;
        private final String candidates;
        int scheduled;
        int bound;

        Rounds(LoopbackClient extender, LoopbackClient webhook, KubernetesSerialization kube, SyntheticCluster cluster,
               ClusterState state, String schedulerName) {
            this.extender = extender;
            this.webhook = webhook;
            this.kube = kube;
            this.cluster = cluster;
            this.state = state;
            this.schedulerName = schedulerName;
            this.candidates = kube.asJson(cluster.nodeNames());
        }

        void run(int n) throws IOException {
            Pod pod = cluster.newPod(schedulerName, n);
            String podJson = kube.asJson(pod);
            String uid = pod.getMetadata().getUid();
            webhook.post("/webhook", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                    + "\"request\":{\"uid\":\"" + uid + "\",\"kind\":{\"group\":\"\",\"version\":\"v1\","
                    + "\"kind\":\"Pod\"},\"operation\":\"CREATE\","
                    + "\"namespace\":\"" + pod.getMetadata().getNamespace() + "\",\"object\":" + podJson + "}}");
            String answer = extender.post("/filter", "{\"Pod\":" + podJson + ",\"NodeNames\":" + candidates + "}");
            Map<?, ?> reply = kube.unmarshal(answer, Map.class);
            if (reply.get("NodeNames") instanceof List<?> names && names.size() == 1
                    && "".equals(reply.get("Error"))) {
                scheduled++;
                Map<?, ?> bind = kube.unmarshal(extender.post("/bind", "{\"PodName\":\""
                        + pod.getMetadata().getName() + "\",\"PodNamespace\":\"" + pod.getMetadata().getNamespace()
                        + "\",\"PodUID\":\"" + uid + "\",\"Node\":\"" + names.getFirst() + "\"}"), Map.class);
                if ("".equals(bind.get("Error"))) {
                    bound++;
                }
            }
            cluster.remove(pod);
            state.removePod(uid);
        }
    }
}
