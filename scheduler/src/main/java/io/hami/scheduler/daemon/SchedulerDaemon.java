package io.hami.scheduler.daemon;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.scheduler.apiserver.ClusterWrites;
import io.hami.scheduler.apiserver.Fabric8ClusterWrites;
import io.hami.scheduler.bind.Binder;
import io.hami.scheduler.bind.FilteredPods;
import io.hami.scheduler.bind.PodPatches;
import io.hami.scheduler.events.Fabric8EventSink;
import io.hami.scheduler.extender.ExtenderJson;
import io.hami.scheduler.extender.ExtenderRoutes;
import io.hami.scheduler.extender.FilterService;
import io.hami.scheduler.http.HttpFront;
import io.hami.scheduler.http.PemKeys;
import io.hami.scheduler.http.ServingKeys;
import io.hami.scheduler.leader.Leadership;
import io.hami.scheduler.leader.LeaseObserver;
import io.hami.scheduler.leader.RoleLabeler;
import io.hami.scheduler.lock.Backoff;
import io.hami.scheduler.lock.Fabric8NodeLockApi;
import io.hami.scheduler.lock.LockWakeups;
import io.hami.scheduler.lock.NodeLockQueue;
import io.hami.scheduler.lock.NodeLocks;
import io.hami.scheduler.metrics.SchedulerMetrics;
import io.hami.scheduler.page.AllocationPage;
import io.hami.scheduler.page.PendingReasons;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.state.InformerFeed;
import io.hami.scheduler.state.KubeCache;
import io.hami.scheduler.state.Registrar;
import io.hami.scheduler.warmup.Warmup;
import io.hami.scheduler.webhook.Admission;
import io.hami.scheduler.webhook.AdmissionReviews;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import io.hami.model.annotation.GoDuration;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler daemon, assembled from its configuration: informers feeding the cluster state; the filter and bind on
 * the extender's listener, the webhook on its own, {@code /metrics} on a third ({@link HttpFront}); the registration
 * round and the Lease observer on a scheduler thread. {@link #close()} shuts down in reverse order, letting requests
 * in flight finish.
 */
public final class SchedulerDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerDaemon.class);
    private static final Duration RESYNC = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofSeconds(5);
    /**
     * How often the serving certificate's files are read again: kubelet brings a renewed Secret into the pod within
     * about a minute; ten seconds more is small beside that.
     */
    private static final Duration CERTIFICATE_POLL = Duration.ofSeconds(10);
    /** Pods let through without devices remembered for their bind: far more than are pending at once. */
    private static final int FILTERED_PODS = 100_000;
    /**
     * How long a bind waits for the filter's pod patch on a node without the lock: a patch is one API round trip, so
     * this bounds an API server that hangs, not one that is slow.
     */
    private static final Duration POD_PATCH_WAIT = Duration.ofSeconds(20);

    private final InformerFeed feed;
    private final ClusterState state;
    private final Fabric8EventSink events;
    private final ScheduledExecutorService background;
    private final HttpFront front;
    private final CompletableFuture<Void> synced;
    private final Registrar registrar;
    private final NodeLockQueue lockQueue;
    private final Optional<AllocationPage> page;
    private final CompletableFuture<Void> ready;
    private final Thread warming;

    private SchedulerDaemon(InformerFeed feed, ClusterState state, Fabric8EventSink events,
                            ScheduledExecutorService background, HttpFront front, CompletableFuture<Void> synced,
                            Registrar registrar, NodeLockQueue lockQueue, Optional<AllocationPage> page,
                            CompletableFuture<Void> ready, Thread warming) {
        this.page = page;
        this.ready = ready;
        this.warming = warming;
        this.feed = feed;
        this.state = state;
        this.lockQueue = lockQueue;
        this.events = events;
        this.background = background;
        this.front = front;
        this.synced = synced;
        this.registrar = registrar;
    }

    /**
     * Starts everything; returns once the servers listen (the informers sync in the background, filters wait for
     * them; the warm-up runs meanwhile, and {@link #ready()} completes after it).
     */
    public static SchedulerDaemon start(DaemonConfig config, KubernetesClient client, Clock clock)
            throws IOException, GeneralSecurityException {
        Optional<ServingKeys> keys = config.tls().isPresent()
                ? Optional.of(ServingKeys.load(config.tls().get().certificate(), config.tls().get().key()))
                : Optional.empty();
        Optional<SSLContext> tls = keys.isPresent()
                ? Optional.of(PemKeys.serverContext(keys.get(), config.tls().get().clientCa()))
                : Optional.empty();
        var types = config.decision().types();
        var feed = new InformerFeed(client, RESYNC);
        var events = new Fabric8EventSink(client, config.schedulerName(), clock, RandomGenerator.getDefault(),
                Executors.newVirtualThreadPerTaskExecutor());
        var state = new ClusterState(types, clock, config.nodeLabelSelector(), config.timing().reservationTtl(), feed,
                events).start();
        var metrics = new SchedulerMetrics(state::snapshot, config.legacyMetrics(), config.buildInfo());
        ClusterWrites writes = new Fabric8ClusterWrites(client);
        var locks = new NodeLocks(new Fabric8NodeLockApi(client), clock, config.nodeLockTimeout(),
                Backoff.hami(RandomGenerator.getDefault(), Backoff.Sleeper.THREAD));
        var lockQueue = new NodeLockQueue(locks, metrics::lockWaited);
        var filtered = new FilteredPods(clock, config.timing().reservationTtl(), FILTERED_PODS);
        var patches = new PodPatches(POD_PATCH_WAIT, config.timing().reservationTtl());
        var binder = new Binder(config.schedulerName(), filtered, patches, feed, state, lockQueue, writes, events,
                metrics, types, clock, config.nodeLockWait(), config.nodeLockRetryTimeout());
        // the allocation page learns why pods wait from the filter's Events
        var pending = new PendingReasons(events, clock);
        var filter = new FilterService(state, feed, filtered, patches, config.decision(), writes, pending, metrics,
                clock, config.timing().syncWait());
        var json = new ExtenderJson(client.getKubernetesSerialization());
        var reviews = new AdmissionReviews(client.getKubernetesSerialization(), new Admission.Settings(
                config.schedulerName(), config.forceOverwriteDefaultScheduler(), types, config.nvidia()),
                () -> state.snapshot().quotas());

        Leadership leadership = Leadership.ALWAYS;
        LeaseObserver lease = null;
        if (config.leader().enabled()) {
            lease = new LeaseObserver(client, config.leader().namespace(), config.leader().name(),
                    config.leader().identity(), clock);
            leadership = lease;
        }
        Optional<Runnable> relabel = config.self().known()
                ? Optional.of(new RoleLabeler(client, config.self().podNamespace(), config.self().podName())::label)
                : Optional.empty();
        var registrar = new Registrar(state, writes, leadership, relabel, clock);
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("hami-registrar").daemon().factory());

        CompletableFuture<Void> synced = feed.start(state, new LockWakeups(lockQueue));
        var ready = new CompletableFuture<Void>();
        HttpFront front = HttpFront.start(config.http(), config.webhook(), config.metrics(), tls,
                config.tls().flatMap(DaemonConfig.Tls::clientCa).isPresent(), ExtenderRoutes.of(json, filter, binder),
                reviews::answer, metrics.registry(), ExtenderRoutes.failure(json), ready::isDone);

        keys.ifPresent(k -> {
            var reload = new CertificateReload(k);
            long every = CERTIFICATE_POLL.toMillis();
            background.scheduleWithFixedDelay(reload::run, every, every, TimeUnit.MILLISECONDS);
        });
        Optional<AllocationPage> page = Optional.empty();
        if (config.allocationPage().isPresent()) {
            try {
                page = Optional.of(AllocationPage.start(config.allocationPage().get().socketAddress(), state::snapshot,
                        pending, feed, clock));
            } catch (IOException | RuntimeException e) {
                front.close();
                throw e;
            }
            LOG.info("allocation page on http://{}:{}/", config.allocationPage().get().host(), page.get().port());
        }

        long interval = config.timing().registerInterval().toMillis();
        background.scheduleWithFixedDelay(() -> runRound(registrar), interval, interval, TimeUnit.MILLISECONDS);
        if (lease != null) {
            LeaseObserver observer = lease;
            long poll = config.timing().leasePoll().toMillis();
            background.scheduleWithFixedDelay(() -> {
                if (observer.poll()) {
                    runRound(registrar);
                }
            }, 0, poll, TimeUnit.MILLISECONDS);
        }
        synced.thenRun(() -> {
            LOG.info("informers synced: {} nodes registered", state.snapshot().nodes().size());
            background.execute(() -> runRound(registrar));
        });
        background.schedule(() -> {
            if (!synced.isDone()) {
                LOG.warn("informers have not synced after {}; filters answer errors until they do",
                        GoDuration.format(config.timing().syncWait()));
            }
        }, config.timing().syncWait().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("hami scheduler ({}): extender on {}:{}{}, webhook on port {}, metrics on port {}",
                tls.isPresent() ? "https" : "http", config.http().host(), front.port(),
                config.tls().flatMap(DaemonConfig.Tls::clientCa).isPresent() ? " (client certificates required)" : "",
                front.webhookPort(), front.metricsPort());
        Thread warming = Thread.ofPlatform().name("hami-warm-up").daemon().start(() -> warmUp(config, client, ready));
        return new SchedulerDaemon(feed, state, events, background, front, synced, registrar, lockQueue, page, ready,
                warming);
    }

    /**
     * Runs the warm-up (docs/scheduler.md, "Warm-up before readiness"), then reports ready: also when it fails, since
     * a cold scheduler still schedules correctly, only slower.
     */
    private static void warmUp(DaemonConfig config, KubernetesClient client, CompletableFuture<Void> ready) {
        try {
            if (config.warmUp().enabled()) {
                Warmup.Outcome done = Warmup.run(config, client.getKubernetesSerialization(), Clock.systemUTC());
                LOG.info("warm-up: {} rounds ({} filters placed, {} binds) in {} ms; ready", done.rounds(),
                        done.scheduled(), done.bound(), done.took().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("warm-up failed, ready without it: {}", e.toString());
        } finally {
            ready.complete(null);
        }
    }

    /** Completes when the warm-up is over and {@code /readyz} answers 200. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** The extender's port. */
    public int httpPort() {
        return front.port();
    }

    /** The webhook's port. */
    public int webhookPort() {
        return front.webhookPort();
    }

    /** The allocation page's port, when it is served. */
    public Optional<Integer> allocationPagePort() {
        return page.map(AllocationPage::port);
    }

    /** The metrics port. */
    public int metricsPort() {
        return front.metricsPort();
    }

    /** The cluster state. */
    public ClusterState state() {
        return state;
    }

    /** The binds' lines for held node locks. */
    public NodeLockQueue lockQueue() {
        return lockQueue;
    }

    /** The informers' caches. */
    public KubeCache cache() {
        return feed;
    }

    /** Completes when the informers' first lists are applied. */
    public CompletableFuture<Void> synced() {
        return synced;
    }

    /** Runs a registration round now (tests, and node additions). */
    public int registerNow() throws InterruptedException {
        return registrar.round();
    }

    @Override
    public void close() {
        warming.interrupt();
        front.stop(GRACE);
        page.ifPresent(AllocationPage::close);
        background.shutdownNow();
        feed.close();
        state.close();
        events.close();
    }

    private static void runRound(Registrar registrar) {
        try {
            registrar.round();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("registration round failed", e);
        }
    }
}
