package io.hami.scheduler.bind;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.annotation.PodRef;
import io.hami.scheduler.apiserver.ApiException;
import io.hami.scheduler.apiserver.ClusterWrites;
import io.hami.scheduler.daemon.GoDuration;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.lock.Backoff;
import io.hami.scheduler.lock.NodeLockException;
import io.hami.scheduler.lock.NodeLocks;
import io.hami.scheduler.metrics.SchedulerMetrics;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.request.RequestException;
import io.hami.scheduler.request.RequestReader;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.state.KubeCache;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /bind} (spec §5.9): take the node lock when an app container asks for a device type that locks, mark the
 * pod {@code bind-phase=allocating} with {@code bind-time}, create the Binding. On failure the lock is released and the
 * error answered; the filter's allocation stays (the pod is filtered again, or deleted). On success the lock stays:
 * the device plugin releases it after {@code Allocate}.
 *
 * <p>PodGroup members (label {@code scheduling.x-k8s.io/pod-group} or {@code spec.schedulingGroup.podGroupName}) wait
 * out lock contention, polling every 100 ms up to {@code --node-lock-retry-timeout}; other pods try once.
 */
public final class Binder {

    private static final Logger LOG = LoggerFactory.getLogger(Binder.class);

    /** Pod annotation: {@code allocating} (scheduler), {@code success} or {@code failed} (device plugin). */
    public static final String BIND_PHASE = "hami.io/bind-phase";
    /** Pod annotation: when the scheduler bound the pod, Unix seconds. */
    public static final String BIND_TIME = "hami.io/bind-time";
    /** Pod label of PodGroup (gang) members. */
    public static final String POD_GROUP = "scheduling.x-k8s.io/pod-group";

    private static final Duration POLL = Duration.ofMillis(100);

    private final KubeCache cache;
    private final ClusterState state;
    private final NodeLocks locks;
    private final ClusterWrites writes;
    private final EventSink events;
    private final SchedulerMetrics metrics;
    private final DeviceTypes types;
    private final Clock clock;
    private final Duration retryTimeout;
    private final Backoff.Sleeper sleeper;

    public Binder(KubeCache cache, ClusterState state, NodeLocks locks, ClusterWrites writes, EventSink events,
                  SchedulerMetrics metrics, DeviceTypes types, Clock clock, Duration retryTimeout,
                  Backoff.Sleeper sleeper) {
        this.cache = cache;
        this.state = state;
        this.locks = locks;
        this.writes = writes;
        this.events = events;
        this.metrics = metrics;
        this.types = types;
        this.clock = clock;
        this.retryTimeout = retryTimeout;
        this.sleeper = sleeper;
    }

    /** Binds the pod; the error text, empty on success. */
    public String bind(String namespace, String name, String uid, String node) throws InterruptedException {
        long start = System.nanoTime();
        String error = attempt(namespace, name, uid, node);
        metrics.bound(Duration.ofNanos(System.nanoTime() - start), error.isEmpty());
        return error;
    }

    private String attempt(String namespace, String name, String uid, String nodeName) throws InterruptedException {
        Pod pod = cache.pod(namespace, name).orElse(null);
        if (pod == null) {
            state.removePod(uid);
            return "pod \"" + name + "\" not found";
        }
        if (cache.node(nodeName).isEmpty()) {
            state.removePod(uid);
            return failed(pod, "node \"" + nodeName + "\" not found");
        }
        PodRequest request;
        try {
            request = RequestReader.read(pod, types);
        } catch (RequestException e) {
            return failed(pod, "pod " + namespace + "/" + name + ": " + e.getMessage());
        }
        boolean lock = request.types().stream().anyMatch(t -> request.appContainersRequest(t)
                && t.descriptor().annotations().nodeLock().isPresent());
        PodRef owner = new PodRef(namespace, name);
        boolean locked = false;
        try {
            if (lock) {
                acquire(nodeName, owner, isPodGroupMember(pod));
                locked = true;
            }
            writes.patchPod(namespace, name, Map.of(BIND_PHASE, "allocating",
                    BIND_TIME, Long.toString(clock.instant().getEpochSecond())), Map.of());
            writes.bind(namespace, name, uid.isEmpty() ? KubeObjects.uid(pod) : uid, nodeName);
        } catch (NodeLockException | ApiException | Contention e) {
            if (locked) {
                release(nodeName, owner);
            }
            return failed(pod, e.getMessage());
        }
        events.record(pod, false, "BindingSucceed", "Successfully binding node [" + nodeName + "] to " + namespace
                + "/" + name);
        return "";
    }

    private void acquire(String node, PodRef owner, boolean wait)
            throws NodeLockException, InterruptedException, Contention {
        Instant deadline = clock.instant().plus(retryTimeout);
        while (true) {
            try {
                locks.lock(node, owner);
                return;
            } catch (NodeLockException e) {
                if (!e.contention() || !wait || retryTimeout.isZero()) {
                    throw e;
                }
                if (!clock.instant().isBefore(deadline)) {
                    throw new Contention("timed out after " + GoDuration.format(retryTimeout) + " waiting for node "
                            + node + " to be unlocked: " + NodeLockException.CONTENTION);
                }
                sleeper.sleep(POLL);
            }
        }
    }

    private void release(String node, PodRef owner) throws InterruptedException {
        try {
            locks.release(node, owner);
        } catch (NodeLockException e) {
            LOG.warn("bind of {} failed and its lock on node {} could not be released: {}", owner, node,
                    e.getMessage());
        }
    }

    private String failed(Pod pod, String message) {
        events.record(pod, true, "BindingFailed", message);
        return message;
    }

    /** A PodGroup (gang) member: it waits for node locks instead of failing at once. */
    public static boolean isPodGroupMember(Pod pod) {
        if (pod == null) {
            return false;
        }
        if (pod.getMetadata() != null && pod.getMetadata().getLabels() != null) {
            String group = pod.getMetadata().getLabels().get(POD_GROUP);
            if (group != null && !group.isEmpty()) {
                return true;
            }
        }
        return pod.getSpec() != null && pod.getSpec().getSchedulingGroup() != null
                && pod.getSpec().getSchedulingGroup().getPodGroupName() != null
                && !pod.getSpec().getSchedulingGroup().getPodGroupName().isEmpty();
    }

    /** Lock contention outlasted the retry timeout. */
    private static final class Contention extends Exception {
        private static final long serialVersionUID = 1L;

        Contention(String message) {
            super(message);
        }
    }
}
