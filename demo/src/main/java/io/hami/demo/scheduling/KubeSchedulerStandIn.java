package io.hami.demo.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-scheduler as far as the HAMi scheduler can tell, plus the API server's admission step. {@link #submit}
 * sends the pod through the mutating webhook and creates what it answers; pods naming our scheduler are then
 * filtered ({@code /filter} with every schedulable node as a candidate, as kube-scheduler with
 * {@code nodeCacheCapable: true} after its own predicates) and bound ({@code /bind}) asynchronously. A failed bind
 * (node lock contention, say) puts the pod into backoff (1 s doubling to 10 s, as kube-scheduler); a pod no node
 * fits waits as unschedulable until a pod is deleted (by anyone) or a node is added, made schedulable or registers
 * other devices, then is filtered again.
 *
 * <p>Threads: {@code filterConcurrency} filter workers take pods from the active queue; binds run on virtual
 * threads, at most {@code bindConcurrency} at once; backoffs on one scheduler thread; a pod informer records
 * phases and deletions, a node informer the node changes that may let a pod fit. All pod records are guarded by
 * this object's lock.
 */
public final class KubeSchedulerStandIn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeSchedulerStandIn.class);

    private final KubernetesClient client;
    private final ExtenderClient extender;
    private final StandInSettings settings;
    private final Map<String, PodRecord> records = new LinkedHashMap<>();
    private final BlockingQueue<PodRecord> active = new LinkedBlockingQueue<>();
    private final Semaphore binds;
    private final ScheduledExecutorService timers;
    private final List<Thread> workers = new ArrayList<>();
    private final SharedIndexInformer<Pod> informer;
    private final SharedIndexInformer<Node> nodeInformer;
    private volatile boolean closed;
    /** Retry requests so far; an attempt that started before the latest one may have judged a world now gone. */
    private long moveRequests;

    /** Starts the workers and the pod and node informers. */
    public KubeSchedulerStandIn(KubernetesClient client, ExtenderClient extender, StandInSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.extender = Objects.requireNonNull(extender, "extender");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.binds = new Semaphore(settings.bindConcurrency());
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("standin-backoff").unstarted(r));
        informer = client.pods().inAnyNamespace().inform(new PodEvents(), 0);
        nodeInformer = client.nodes().inform(new NodeEvents(), 0);
        for (int i = 0; i < settings.filterConcurrency(); i++) {
            workers.add(Thread.ofPlatform().daemon().name("standin-filter-" + i).start(this::filterLoop));
        }
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /**
     * Admits {@code pod} through the webhook and creates it in {@code namespace}; a pod for our scheduler is queued
     * for scheduling. Returns a copy of its record ({@link PodRecord.State#REJECTED} with the webhook's message
     * when refused).
     *
     * @throws IOException when the webhook cannot be reached or answers garbage
     * @throws KubernetesClientException when the API refuses the pod
     */
    public PodRecord submit(Pod pod, String namespace) throws IOException, InterruptedException {
        String name = pod.getMetadata().getName();
        var record = new PodRecord(namespace, name, System.nanoTime());
        ExtenderClient.Admission admission = extender.admit(pod, namespace);
        record.admittedAt = System.nanoTime();
        if (admission.admitted().isEmpty()) {
            record.state = PodRecord.State.REJECTED;
            record.reason = "admission webhook denied the request: " + admission.refusal();
            synchronized (this) {
                records.put(key(namespace, name), record);
            }
            return record.copy();
        }
        // Pending, as the API server makes every pod it creates (the mock API server leaves the status empty; a device
        // plugin without a node lock looks for the pod it allocates among the Pending ones)
        Pod admitted = new PodBuilder(admission.admitted().get()).editMetadata().withNamespace(namespace)
                .endMetadata().withNewStatus().withPhase("Pending").endStatus().build();
        boolean ours = settings.schedulerName().equals(admitted.getSpec().getSchedulerName());
        synchronized (this) {
            record.state = ours ? PodRecord.State.FILTERING : PodRecord.State.IGNORED; // not queued before created
            records.put(key(namespace, name), record);
        }
        Pod created = create(admitted, namespace);
        synchronized (this) {
            record.uid = created.getMetadata().getUid();
            record.created = created;
            record.createdAt = System.nanoTime();
            if (ours && record.state == PodRecord.State.FILTERING) {
                record.state = PodRecord.State.QUEUED;
                active.add(record);
            }
            return record.copy();
        }
    }

    /**
     * Creates the pod. The client retries a create whose answer it did not get (a timeout, a lost connection on a loaded
     * machine); when the API server had carried out the first attempt, the retry is refused as a conflict. The pod of
     * that name with the same spec is then the one this create made, and is taken as created.
     */
    private Pod create(Pod admitted, String namespace) {
        try {
            return client.pods().inNamespace(namespace).resource(admitted).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            Pod existing = client.pods().inNamespace(namespace).withName(admitted.getMetadata().getName()).get();
            if (existing == null || !Objects.equals(existing.getSpec(), admitted.getSpec())) {
                throw e;
            }
            return existing;
        }
    }

    /** Deletes the pod from the API; an unschedulable pod may fit now, so every one is filtered again. */
    public void delete(String namespace, String name) {
        client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
        synchronized (this) {
            PodRecord r = records.get(key(namespace, name));
            if (r != null) {
                r.state = PodRecord.State.DELETED;
            }
        }
        retryUnschedulable();
    }

    /**
     * Filters every unschedulable pod again (kube-scheduler does on a node added or a pod deleted); a pod being
     * filtered right now is filtered again too if its answer is "unschedulable", since that answer may predate
     * the change.
     */
    public synchronized void retryUnschedulable() {
        moveRequests++;
        for (PodRecord r : records.values()) {
            if (r.state == PodRecord.State.UNSCHEDULABLE) {
                r.state = PodRecord.State.QUEUED;
                active.add(r);
            }
        }
    }

    /** Copies of every record, in submission order. */
    public synchronized List<PodRecord> records() {
        return records.values().stream().map(PodRecord::copy).toList();
    }

    /** Whether nothing is queued, filtering, binding or in backoff. */
    public synchronized boolean settled() {
        return records.values().stream().noneMatch(r -> switch (r.state) {
            case QUEUED, FILTERING, BINDING, BACKOFF -> true;
            default -> false;
        });
    }

    /** Waits until {@link #settled()}. */
    public void awaitSettled(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!settled()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("scheduling did not settle within " + timeout.toSeconds() + " s: "
                        + records().stream().filter(r -> r.state() != PodRecord.State.BOUND)
                        .map(r -> r.name() + "=" + r.state()).collect(Collectors.joining(", ")));
            }
            Thread.sleep(20);
        }
    }

    private void filterLoop() {
        while (!closed) {
            PodRecord record;
            try {
                record = active.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (record == null) {
                continue;
            }
            try {
                scheduleOne(record);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | KubernetesClientException e) {
                if (closed) {
                    return;
                }
                LOG.warn("scheduling {}/{} failed: {}", record.namespace, record.name, e.getMessage());
                backoff(record, e.getMessage());
            }
        }
    }

    private void scheduleOne(PodRecord record) throws IOException, InterruptedException {
        long movesBefore;
        synchronized (this) {
            if (record.state != PodRecord.State.QUEUED) {
                return; // deleted while queued
            }
            record.state = PodRecord.State.FILTERING;
            movesBefore = moveRequests;
        }
        Pod pod = cached(record);
        if (pod == null) {
            setState(record, PodRecord.State.DELETED, "deleted before it was scheduled");
            return;
        }
        String assigned = pod.getSpec().getNodeName();
        if (assigned != null && !assigned.isEmpty()) {
            synchronized (this) {
                record.state = PodRecord.State.BOUND;
                record.node = assigned;
            }
            return;
        }
        List<String> candidates = candidates();
        long start = System.nanoTime();
        ExtenderClient.FilterResult result = extender.filter(pod, candidates);
        long took = System.nanoTime() - start;
        synchronized (this) {
            record.filterCalls++;
            record.filterNanos += took;
            record.filteredAt = start + took;
            if (record.state != PodRecord.State.FILTERING) {
                return; // deleted meanwhile
            }
            if (!result.fits()) {
                record.reason = unschedulableReason(result, candidates.size());
                if (moveRequests != movesBefore) {
                    // A pod was deleted or a node changed during this attempt: try again rather than wait for an
                    // event that has already passed.
                    record.state = PodRecord.State.QUEUED;
                    active.add(record);
                } else {
                    record.state = PodRecord.State.UNSCHEDULABLE;
                }
                return;
            }
            record.state = PodRecord.State.BINDING;
            record.node = result.nodeNames().getFirst();
        }
        binds.acquire();
        Thread.ofVirtual().name("standin-bind-" + record.name).start(() -> {
            try {
                bind(record, pod.getMetadata().getUid(), result.nodeNames().getFirst());
            } finally {
                binds.release();
            }
        });
    }

    private void bind(PodRecord record, String uid, String node) {
        long start = System.nanoTime();
        String error;
        try {
            error = extender.bind(record.namespace, record.name, uid, node);
        } catch (IOException e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long end = System.nanoTime();
        synchronized (this) {
            record.bindCalls++;
            record.bindNanos += end - start;
            if (record.state != PodRecord.State.BINDING) {
                return;
            }
            if (error.isEmpty()) {
                record.state = PodRecord.State.BOUND;
                record.boundAt = end;
                record.reason = "";
                return;
            }
            record.bindFailures++;
            record.node = "";
        }
        backoff(record, "bind: " + error);
    }

    private void backoff(PodRecord record, String reason) {
        Duration wait;
        synchronized (this) {
            if (record.state == PodRecord.State.DELETED || closed) {
                return;
            }
            record.state = PodRecord.State.BACKOFF;
            record.reason = reason;
            record.attempts++;
            wait = settings.backoff(record.attempts);
        }
        timers.schedule(() -> {
            synchronized (this) {
                if (record.state == PodRecord.State.BACKOFF) {
                    record.state = PodRecord.State.QUEUED;
                    active.add(record);
                }
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized void setState(PodRecord record, PodRecord.State state, String reason) {
        record.state = state;
        record.reason = reason;
    }

    /**
     * The pod as this scheduler's cache has it, as kube-scheduler reads it (no API call per attempt): the informer's
     * copy, or the API server's answer to the creation while the informer has not seen the pod yet; null when the pod
     * is gone or was replaced by another of the same name.
     */
    private Pod cached(PodRecord record) {
        Pod pod = informer.getStore().getByKey(key(record.namespace, record.name));
        if (pod == null) {
            synchronized (this) {
                return record.state == PodRecord.State.DELETED ? null : record.created;
            }
        }
        return record.uid.equals(pod.getMetadata().getUid()) ? pod : null;
    }

    /**
     * Every node that takes pods, by name, from the node informer's cache: what kube-scheduler's own predicates leave for
     * the extender here.
     */
    private List<String> candidates() {
        return nodeInformer.getStore().list().stream()
                .filter(KubeSchedulerStandIn::schedulable)
                .map(n -> n.getMetadata().getName()).sorted(Comparator.naturalOrder()).toList();
    }

    /** kube-scheduler's FailedScheduling message: {@code 0/N nodes are available: ...}. */
    static String unschedulableReason(ExtenderClient.FilterResult result, int candidates) {
        if (!result.error().isEmpty()) {
            return "extender error: " + result.error();
        }
        if (result.failedNodes().isEmpty()) {
            return "0/" + candidates + " nodes are available: the extender chose none";
        }
        var counts = new java.util.TreeMap<String, Integer>();
        result.failedNodes().values().forEach(reason -> counts.merge(reason, 1, Integer::sum));
        return "0/" + candidates + " nodes are available: " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private final class PodEvents implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            onUpdate(null, pod);
        }

        @Override
        public void onUpdate(Pod before, Pod pod) {
            String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? ""
                    : pod.getStatus().getPhase();
            synchronized (KubeSchedulerStandIn.this) {
                PodRecord r = records.get(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
                if (r == null || !pod.getMetadata().getUid().equals(r.uid) || phase.equals(r.phase)) {
                    return;
                }
                r.phase = phase;
                if (phase.equals("Running") && r.runningAt == 0) {
                    r.runningAt = System.nanoTime();
                }
            }
        }

        @Override
        public void onDelete(Pod pod, boolean unknownFinalState) {
            boolean freed;
            synchronized (KubeSchedulerStandIn.this) {
                PodRecord r = records.get(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
                boolean submitted = r != null && pod.getMetadata().getUid().equals(r.uid);
                // A pod deleted through delete() has already triggered the retry; any other deletion of a pod
                // that held a node's devices may let an unschedulable one fit.
                freed = submitted ? r.state != PodRecord.State.DELETED
                        : pod.getSpec() != null && pod.getSpec().getNodeName() != null;
                if (submitted) {
                    r.state = PodRecord.State.DELETED;
                }
            }
            if (freed) {
                retryUnschedulable();
            }
        }
    }

    /**
     * Node changes after which kube-scheduler filters its unschedulable pods again: a node added, made schedulable,
     * or with other devices registered (any {@code *-register} annotation) or other allocatable resources. The
     * retry waits one initial backoff so that the extender's own informers have seen the change too; heartbeats
     * and handshake annotations change none of these and retry nothing.
     */
    private final class NodeEvents implements ResourceEventHandler<Node> {
        @Override
        public void onAdd(Node node) {
            retrySoon();
        }

        @Override
        public void onUpdate(Node old, Node node) {
            if (schedulable(old) != schedulable(node) || !registrations(old).equals(registrations(node))
                    || !Objects.equals(allocatable(old), allocatable(node))) {
                retrySoon();
            }
        }

        @Override
        public void onDelete(Node node, boolean unknownFinalState) {
        }

        private void retrySoon() {
            try {
                timers.schedule(KubeSchedulerStandIn.this::retryUnschedulable,
                        settings.backoff(1).toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // closed: nothing is filtered any more
            }
        }

        private static Map<String, String> registrations(Node node) {
            Map<String, String> annotations = node.getMetadata().getAnnotations();
            if (annotations == null) {
                return Map.of();
            }
            return annotations.entrySet().stream().filter(e -> e.getKey().endsWith("-register"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }

        private static Object allocatable(Node node) {
            return node.getStatus() == null ? null : node.getStatus().getAllocatable();
        }
    }

    /** Stops the workers and timers; the informer is stopped in the background (a mock watch may take 10 s). */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        timers.shutdownNow();
        Thread.ofVirtual().start(informer::close);
        Thread.ofVirtual().start(nodeInformer::close);
    }

    private static boolean schedulable(Node n) {
        return n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable());
    }
}
