package io.hami.benchmarks;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.model.vendor.Vendors;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.apiserver.ClusterWrites;
import io.hami.scheduler.bind.Binder;
import io.hami.scheduler.bind.FilteredPods;
import io.hami.scheduler.bind.PodPatches;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.extender.ExtenderJson;
import io.hami.scheduler.extender.ExtenderRoutes;
import io.hami.scheduler.extender.FilterService;
import io.hami.scheduler.filter.Filter;
import io.hami.scheduler.filter.FilterResult;
import io.hami.scheduler.http.HttpFront;
import io.hami.scheduler.metrics.SchedulerMetrics;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.state.KubeCache;
import io.hami.scheduler.state.Reservation;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceTypes;
import io.hami.scheduler.webhook.Admission;
import io.hami.scheduler.webhook.AdmissionReviews;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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
 * End-to-end latency of {@code POST /filter} over loopback HTTP, as kube-scheduler calls it with
 * {@code nodeCacheCapable}: the pod and the candidate node names in, the chosen node out. The cluster is
 * {@link FilterBenchmark}'s ({@code nodes} nodes × 8 A100, about 10 % used); every call is a new pod (one container, one GPU,
 * 4000 MiB, 20 % cores), so each one is decided, reserved and published by the state thread before the answer. The
 * pod patch is a no-op (its API round trip happens outside the decision lock and is not the extender's cost).
 * {@code candidates} is how many node names kube-scheduler sends: 500 is what it forwards by default on a 5,000-node
 * cluster (10 % of the feasible nodes), 5,000 the worst case; it is capped at {@code nodes}. The baseline
 * {@link #decideOnly} is the decision alone over the same cluster and candidates, without HTTP, JSON or the
 * reservation. Run: {@code java -jar benchmarks/target/benchmarks.jar ExtenderFilterBenchmark -p nodes=5000
 * -p candidates=5000 -wi 2 -i 5 -w 1 -r 2 -f 1} (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExtenderFilterBenchmark {

    private static final int GPUS = 8;
    /** The digits of the pod UID's number, fixed so that the body keeps its length. */
    private static final int SEQUENCE_DIGITS = 12;

    /** The cluster's size. */
    @Param({"500", "5000", "20000"})
    int nodes;

    @Param({"500", "5000"})
    int candidates;

    private Pod decidedPod;
    private List<String> candidateNames;
    private SchedulerConfig config;

    private ClusterState state;
    private HttpFront front;
    private LoopbackPoster http;
    /** The request (head and body), rewritten in place for each call: only the pod UID's number changes. */
    private byte[] request;
    private int sequenceAt;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        DeviceTypes types = DeviceTypes.defaults();
        KubeCache none = new KubeCache() {
            @Override
            public Optional<Pod> pod(String namespace, String name) {
                return Optional.empty();
            }

            @Override
            public Optional<Node> node(String name) {
                return Optional.empty();
            }
        };
        Clock clock = Clock.systemUTC();
        state = new ClusterState(types, clock, Map.of(), Duration.ofMinutes(5), none).start();
        var random = new Random(42);
        var names = new ArrayList<String>();
        var pods = new ArrayList<PodUsage>();
        candidates = Math.min(candidates, nodes);
        for (int n = 0; n < nodes; n++) {
            String name = "node-" + n;
            var devices = new ArrayList<NodeDevice>(GPUS);
            for (int g = 0; g < GPUS; g++) {
                String id = String.format("GPU-%08x-e98b-a25b-5b0d-cf5c855d14%02d", n, g);
                devices.add(NodeDevice.of(id, g, 10, 40960, 100, "NVIDIA A100-SXM4-40GB", g / 4, "hami-core", true));
                if (random.nextInt(10) == 0) {
                    pods.add(new PodUsage("uid-" + pods.size(), "default", "pod-" + pods.size(), name,
                            Map.of("nvidia", List.of(new DeviceUse(id, 1000 * (1 + random.nextInt(30)),
                                    10 * (1 + random.nextInt(8)), 1))), false));
                }
            }
            state.putNode(nodeOf(name, devices));
            names.add(name);
        }
        for (PodUsage p : pods) {
            state.reserve(new Reservation(p, Map.of())).get(30, TimeUnit.SECONDS);
        }
        state.markSynced();
        state.flush().get(30, TimeUnit.SECONDS);
        ClusterWrites writes = new ClusterWrites() {
            @Override
            public void patchPod(String ns, String name, Map<String, String> a, Map<String, String> l) {
            }

            @Override
            public void bind(String ns, String name, String uid, String node, Map<String, String> annotations) {
            }

            @Override
            public void patchNode(String node, Map<String, String> annotations) {
            }
        };
        var serialization = new KubernetesSerialization();
        var metrics = new SchedulerMetrics(state::snapshot, false, Map.of());
        config = SchedulerConfig.defaults(types);
        var service = new FilterService(state, none, new FilteredPods(clock, Duration.ofMinutes(5), 1000),
                new PodPatches(Duration.ofSeconds(30), Duration.ofMinutes(5)), config, writes, EventSink.NONE, metrics,
                clock, Duration.ofSeconds(5));
        var json = new ExtenderJson(serialization);
        var reviews = new AdmissionReviews(serialization, new Admission.Settings("", true, types, Optional.empty()),
                () -> state.snapshot().quotas());
        var loopback = new DaemonConfig.Endpoint("127.0.0.1", 0);
        front = HttpFront.start(loopback, loopback, loopback, Optional.empty(), false,
                ExtenderRoutes.of(json, service, (Binder) null), reviews::answer, metrics.registry(),
                ExtenderRoutes.failure(json));
        http = new LoopbackPoster(front.port());
        var candidateJson = new StringBuilder("[");
        candidateNames = new ArrayList<>(candidates);
        for (int i = 0; i < candidates; i++) {
            String name = names.get(i * (nodes / candidates));
            candidateNames.add(name);
            candidateJson.append(i == 0 ? "\"" : ",\"").append(name).append('"');
        }
        decidedPod = pod("uid-bench-decide");
        candidateJson.append(']');
        String pod = serialization.asJson(pod("uid-bench-0"));
        int uid = pod.indexOf("uid-bench-0");
        String prefix = "{\"Pod\":" + pod.substring(0, uid) + "uid-bench-";
        String suffix = pod.substring(uid + "uid-bench-0".length()) + ",\"NodeNames\":" + candidateJson + "}";
        byte[] body = (prefix + "0".repeat(SEQUENCE_DIGITS) + suffix).getBytes(StandardCharsets.UTF_8);
        byte[] head = LoopbackPoster.head(front.port(), "/filter", body.length);
        request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        sequenceAt = head.length + prefix.getBytes(StandardCharsets.UTF_8).length;
        int status = call();
        String first = http.answerText();
        if (status != 200 || !first.contains("\"NodeNames\":[\"node-")) {
            throw new IllegalStateException("the filter did not place the pod: " + first);
        }
    }

    /** A node registering the GPUs, as the device plugin writes it, with the plugin's advertised count. */
    private static Node nodeOf(String name, List<NodeDevice> devices) {
        return new NodeBuilder().withNewMetadata().withName(name).addToAnnotations(
                Vendors.defaults().byId("nvidia").orElseThrow().annotations().nodeRegister().orElseThrow(),
                NodeRegisterCodec.INSTANCE.encode(new NodeRegistration(devices))).endMetadata().withNewStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity(Integer.toString(10 * devices.size()))).endStatus()
                .build();
    }

    private static Pod pod(String uid) {
        var limits = Map.of("nvidia.com/gpu", new Quantity("1"), "nvidia.com/gpumem", new Quantity("4000"),
                "nvidia.com/gpucores", new Quantity("20"));
        return new PodBuilder().withNewMetadata().withName("bench").withNamespace("default").withUid(uid)
                .endMetadata().withNewSpec().withContainers(new ContainerBuilder().withName("main").withNewResources()
                        .withLimits(limits).endResources().build()).endSpec().build();
    }

    /**
     * One call with a new pod UID, written into the request in place, over one kept connection; the answer is read
     * into the client's buffer: the benchmark runs in the measured JVM, and the garbage of a general client (a 60 KB
     * body string and its UTF-8 copy, then the JDK client's copies of the body) would be collected there without being
     * the extender's (kube-scheduler's client runs in another process). One benchmark thread (JMH's default): the
     * request and the connection are shared.
     *
     * @return the answer's status code
     */
    private int call() throws Exception {
        long n = ++sequence;
        for (int i = sequenceAt + SEQUENCE_DIGITS - 1; i >= sequenceAt; i--, n /= 10) {
            request[i] = (byte) ('0' + n % 10);
        }
        return http.post(request);
    }

    @Benchmark
    public int filterOverHttp() throws Exception {
        return call();
    }

    /** The baseline: the decision alone over the same cluster and candidates (nothing reserved). */
    @Benchmark
    public FilterResult decideOnly() {
        return Filter.decide(decidedPod, candidateNames, state.snapshot(), config);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        front.close();
        http.close();
        state.close();
    }
}
