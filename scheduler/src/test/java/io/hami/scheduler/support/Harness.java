package io.hami.scheduler.support;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hami.model.config.NvidiaConfig;
import io.hami.scheduler.SchedulerConfig;
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
import io.hami.scheduler.lock.FakeLockApi;
import io.hami.scheduler.lock.NodeLockQueue;
import io.hami.scheduler.lock.NodeLocks;
import io.hami.scheduler.metrics.SchedulerMetrics;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.state.FailingBuilds;
import io.hami.scheduler.state.MapCache;
import io.hami.scheduler.vendor.DeviceTypes;
import io.hami.scheduler.webhook.Admission;
import io.hami.scheduler.webhook.AdmissionReviews;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The extender's services wired over in-memory fakes (no API server): the cluster state fed by hand, a scripted lock
 * API, recorded writes; optionally served over plain HTTP on an ephemeral port.
 */
public final class Harness implements AutoCloseable {

    public static final DeviceTypes TYPES = DeviceTypes.defaults();
    public static final String SCHEDULER_NAME = "hami-scheduler";

    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    public final MapCache cache = new MapCache();
    /** The state's snapshot builds, which a test may make fail. */
    public final FailingBuilds builds = new FailingBuilds();
    public final ClusterState state = builds.state(TYPES, clock, cache).start();
    public final RecordingWrites writes = new RecordingWrites();
    public final FakeLockApi lockApi = new FakeLockApi();
    public final SchedulerMetrics metrics = new SchedulerMetrics(state::snapshot, false, Map.of());
    public final KubernetesSerialization serialization = new KubernetesSerialization();
    public final ExtenderJson json = new ExtenderJson(serialization);
    public final FilterService filter;
    public final Binder binder;
    public final AdmissionReviews reviews;
    /** The pods the filter let through without devices. */
    public final FilteredPods filtered = new FilteredPods(clock, Duration.ofMinutes(5), 1000);
    /** The filter's pod patches written after its answer (nodes without the lock). */
    public final PodPatches patches = new PodPatches(Duration.ofSeconds(30), Duration.ofMinutes(5));
    private HttpFront front;
    private HttpClient http;

    public Harness(SchedulerConfig config, Duration syncWait) {
        filter = new FilterService(state, cache, filtered, patches, config, writes, EventSink.NONE, metrics, clock,
                syncWait);
        var locks = new NodeLocks(lockApi, clock, Duration.ofMinutes(5), Backoff.hami(new Random(1), d -> { }));
        binder = new Binder(SCHEDULER_NAME, filtered, patches, cache, state,
                new NodeLockQueue(locks, metrics::lockWaited),
                writes, EventSink.NONE, metrics, TYPES, clock, Duration.ZERO, Duration.ofSeconds(28));
        reviews = new AdmissionReviews(serialization, new Admission.Settings(SCHEDULER_NAME, true, TYPES,
                Optional.of(NvidiaConfig.defaults())), () -> state.snapshot().quotas());
    }

    public Harness() {
        this(SchedulerConfig.defaults(TYPES), Duration.ofSeconds(5));
    }

    /** Serves the routes over plain HTTP, each listener on an ephemeral loopback port. */
    public Harness serve() {
        var loopback = new DaemonConfig.Endpoint("127.0.0.1", 0);
        try {
            front = HttpFront.start(loopback, loopback, loopback, Optional.empty(), false,
                    ExtenderRoutes.of(json, filter, binder), reviews::answer, metrics.registry(),
                    ExtenderRoutes.failure(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http = HttpClient.newHttpClient();
        return this;
    }

    /** POSTs to the extender's listener ({@code /filter}, {@code /bind}). */
    public HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return post(front.port(), path, body);
    }

    /** POSTs to the webhook's listener. */
    public HttpResponse<String> postWebhook(byte[] body) throws IOException, InterruptedException {
        return post(front.webhookPort(), "/webhook", body);
    }

    public HttpResponse<String> post(int port, String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(port, path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs from the extender's listener. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(front.port(), path);
    }

    public HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(port, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The listeners. */
    public HttpFront front() {
        return front;
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        if (front != null) {
            front.close();
            http.close();
        }
        state.close();
    }
}
