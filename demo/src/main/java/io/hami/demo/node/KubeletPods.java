package io.hami.demo.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.grpc.StatusRuntimeException;
import io.hami.kubelet.sim.KubeletStandIn;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod side of the node's kubelet: it watches pods in every namespace, keeps those bound to this node, and
 * admits each new one as kubelet does: init containers first, then the others; for each resource the node's device
 * plugin registered that a container asks for (its count resource first, then a vendor's slot resources) it picks
 * that many free healthy device IDs and calls that resource's {@code Allocate} for that one container over its socket.
 * A pod worker of the pod's own then starts the containers in order, each with its answers merged as kubelet merges
 * them, and reports the pod Running. An {@code Allocate} error fails the pod with reason {@value #ADMISSION_ERROR}, as
 * does a container that cannot start. A deleted pod's containers are stopped once its worker is done, and its device
 * IDs freed.
 *
 * <p>Admission, like kubelet's, handles one pod event at a time on one thread, in order, so the choice of device IDs
 * never races with itself; container starts and status reports run on the pod workers, as kubelet's pod workers and
 * status manager run beside its admission, so a slow start (a lockless container waiting for its allocation record)
 * holds up only its own pod.
 */
final class KubeletPods implements AutoCloseable {
    /** kubelet's reason for a pod its device manager could not admit. */
    static final String ADMISSION_ERROR = "UnexpectedAdmissionError";
    private static final Logger LOG = LoggerFactory.getLogger(KubeletPods.class);

    private final KubernetesClient client;
    private final String nodeName;
    private final List<String> resources;
    private final KubeletStandIn kubelet;
    private final Map<String, DeviceIds> devices;
    private final ContainerRuntime runtime;
    private final NodeLayout layout;
    private final ExecutorService worker;
    private final Map<String, PodWork> pods = new HashMap<>();
    private SharedIndexInformer<Pod> informer;

    /** A container its device plugin allocated: the device IDs it holds, per resource, and the merged answer. */
    private record Allocated(PodContainer id, Map<String, List<String>> deviceIds, ContainerAllocateResponse answer,
            long allocatedMicros) {
    }

    /** A started container. */
    private record Started(PodContainer id, ContainerRuntime.Running running) {
    }

    /**
     * An admitted pod: its allocated containers, those its pod worker started, and whether the worker is done. The
     * lists belong to the pod worker until {@code done}, then to whoever stops the pod.
     */
    private final class PodWork {
        final List<Allocated> allocated = new ArrayList<>();
        final List<Started> started = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        /**
         * Stops the started containers, last first, removing their records; removes what the allocated containers that
         * never started left; frees every allocated device ID.
         */
        void stopAll() {
            for (var s : started.reversed()) {
                try {
                    s.running().stop();
                    Files.deleteIfExists(layout.startedFile(s.id().uid(), s.id().container()));
                } catch (IOException e) {
                    LOG.warn("container {}: stop failed: {}", s.id(), e.toString());
                }
            }
            for (var a : allocated.subList(started.size(), allocated.size())) {
                try {
                    runtime.discard(a.id(), a.answer());
                } catch (IOException e) {
                    LOG.warn("container {}: its files were not removed: {}", a.id(), e.toString());
                }
            }
            started.clear();
            allocated.forEach(a -> release(a.deviceIds()));
            allocated.clear();
        }
    }

    /**
     * @param resources the plugin's resources, its count resource first
     * @param devices   kubelet's bookkeeping of each resource's device IDs
     */
    KubeletPods(KubernetesClient client, String nodeName, List<String> resources, KubeletStandIn kubelet,
            Map<String, DeviceIds> devices, ContainerRuntime runtime, NodeLayout layout) {
        this.client = client;
        this.nodeName = nodeName;
        this.resources = List.copyOf(resources);
        this.kubelet = kubelet;
        this.devices = devices;
        this.runtime = runtime;
        this.layout = layout;
        this.worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "kubelet-pods-" + nodeName));
    }

    /** Starts watching; pods bound before are admitted too (the informer lists them first). */
    void start() {
        // kubelet watches only the pods bound to its node, by field selector
        informer = client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                long seen = nowMicros();
                submit(pod, () -> admit(pod, seen));
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                long seen = nowMicros();
                submit(pod, () -> {
                    if (pod.getMetadata().getDeletionTimestamp() != null) {
                        stop(pod.getMetadata().getUid());
                    } else {
                        admit(pod, seen);
                    }
                });
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                submit(pod, () -> stop(pod.getMetadata().getUid()));
            }
        });
    }

    /** Hands a pod of this node to the admission worker (a pod of another node is ignored). */
    private void submit(Pod pod, Runnable action) {
        if (pod.getSpec() == null || !nodeName.equals(pod.getSpec().getNodeName()) || worker.isShutdown()) {
            return;
        }
        worker.execute(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("pod {}: {}", name(pod), e.toString());
            }
        });
    }

    /**
     * Admits the pod as kubelet's admission does, one pod at a time: {@code Allocate} for each of its containers, init
     * containers first; then hands it to a pod worker of its own, which starts the containers in order and reports the
     * pod Running, as kubelet's pod workers and status manager do while admission goes on with the next pod.
     *
     * @param seen when the informer handed the pod over, in microseconds since the epoch
     */
    private void admit(Pod pod, long seen) {
        var uid = pod.getMetadata().getUid();
        var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (pods.containsKey(uid) || (phase != null && !phase.equals("Pending"))) {
            return;
        }
        var work = new PodWork();
        pods.put(uid, work);
        var containers = new ArrayList<Container>(pod.getSpec().getInitContainers());
        containers.addAll(pod.getSpec().getContainers());
        for (var container : containers) {
            var id = new PodContainer(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid, container.getName());
            var failure = allocateContainer(id, container, work.allocated);
            if (failure.isPresent()) {
                work.stopAll();
                work.done.complete(null);
                setFailed(pod, failure.get());
                return;
            }
        }
        Thread.ofVirtual().name("kubelet-pod-" + name(pod)).start(() -> {
            try {
                startAll(pod, work, seen);
            } catch (RuntimeException e) {
                LOG.warn("pod {}: {}", name(pod), e.toString());
            } finally {
                work.done.complete(null);
            }
        });
    }

    /** The pod worker: starts the admitted containers in order, then reports the pod Running. */
    private void startAll(Pod pod, PodWork work, long seen) {
        for (var allocated : work.allocated) {
            var failure = startContainer(allocated, work.started, seen);
            if (failure.isPresent()) {
                work.stopAll();
                setFailed(pod, failure.get());
                return;
            }
        }
        setRunning(pod);
        LOG.info("pod {} running on {}", name(pod), nodeName);
    }

    /** Calls {@code Allocate} for each resource the container asks for; the failure message when that did not work. */
    private Optional<String> allocateContainer(PodContainer id, Container container, List<Allocated> allocated) {
        var held = new LinkedHashMap<String, List<String>>();
        var merged = ContainerAllocateResponse.newBuilder();
        for (var resource : resources) {
            int count = requested(container, resource);
            if (count == 0) {
                continue;
            }
            var failure = allocate(resource, count, held, merged);
            if (failure.isPresent()) {
                release(held);
                return failure;
            }
        }
        allocated.add(new Allocated(id, held, merged.build(), nowMicros()));
        return Optional.empty();
    }

    /** Starts one allocated container; the failure message when that did not work. */
    private Optional<String> startContainer(Allocated allocated, List<Started> started, long seen) {
        var id = allocated.id();
        ContainerAllocateResponse allocation;
        ContainerRuntime.Running running;
        long prepared;
        try {
            allocation = runtime.prepare(id, allocated.answer());
            prepared = nowMicros();
            running = runtime.start(id, allocation);
        } catch (IOException e) {
            return Optional.of("container " + id.container() + " failed to start: " + e.getMessage());
        }
        started.add(new Started(id, running));
        var held = allocated.deviceIds();
        var countIds = resources.isEmpty() ? List.<String>of() : held.getOrDefault(resources.getFirst(), List.of());
        try {
            StartedContainer.of(id, countIds, allocation, new StartedContainer.Timeline(seen, allocated.allocatedMicros(),
                    prepared, nowMicros())).write(layout.startedFile(id.uid(), id.container()));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("container " + id.container() + ": cannot record its start: " + e.getMessage());
        }
    }

    /**
     * Takes {@code count} of {@code resource}'s IDs and calls its {@code Allocate}, adding the IDs to {@code held} and the
     * answer to {@code merged}; the failure message, in kubelet's words, when that did not work.
     */
    private Optional<String> allocate(String resource, int count, Map<String, List<String>> held,
            ContainerAllocateResponse.Builder merged) {
        var ids = choose(resource, count);
        if (ids.size() < count) {
            return Optional.of("Allocate failed due to requested number of devices unavailable for " + resource
                    + ". Requested: " + count + ", Available: " + ids.size() + ", which is unexpected");
        }
        devices.get(resource).take(ids);
        held.put(resource, ids);
        try {
            merged.mergeFrom(kubelet.allocate(resource, List.of(ids)).getContainerResponses(0));
            return Optional.empty();
        } catch (StatusRuntimeException e) {
            return Optional.of("Allocate failed due to rpc error: code = " + e.getStatus().getCode() + " desc = "
                    + e.getStatus().getDescription() + ", which is unexpected");
        }
    }

    private void release(Map<String, List<String>> held) {
        held.forEach((resource, ids) -> devices.get(resource).release(ids));
    }

    /** Free healthy IDs of {@code resource}, as its plugin prefers them when it says it has a preference. */
    private List<String> choose(String resource, int count) {
        var available = devices.get(resource).available();
        if (available.size() < count) {
            return available;
        }
        var options = resource.equals(resources.getFirst()) ? kubelet.options() : null;
        if (options != null && options.getGetPreferredAllocationAvailable()) {
            try {
                var preferred = kubelet.preferredAllocation(available, List.of(), count).getContainerResponses(0).getDeviceIDsList();
                if (preferred.size() == count && available.containsAll(preferred)) {
                    return List.copyOf(preferred);
                }
            } catch (StatusRuntimeException e) {
                LOG.debug("GetPreferredAllocation failed, taking the first free devices: {}", e.getStatus());
            }
        }
        return List.copyOf(available.subList(0, count));
    }

    /** The container's request for {@code resource}: its limit (an extended resource's request equals it), else its request. */
    private static int requested(Container container, String resource) {
        var resources = container.getResources();
        if (resources == null) {
            return 0;
        }
        Quantity q = resources.getLimits() == null ? null : resources.getLimits().get(resource);
        if (q == null && resources.getRequests() != null) {
            q = resources.getRequests().get(resource);
        }
        return q == null ? 0 : q.getNumericalAmount().intValueExact();
    }

    /** Stops the pod's containers once its pod worker is done, and frees its device IDs. */
    private void stop(String uid) {
        var work = pods.remove(uid);
        if (work != null) {
            work.done.whenComplete((v, e) -> {
                work.stopAll();
                LOG.info("pod {} stopped on {}", uid, nodeName);
            });
        }
    }

    private void setRunning(Pod pod) {
        var now = now();
        var statuses = new ArrayList<ContainerStatus>();
        for (var c : pod.getSpec().getContainers()) {
            statuses.add(new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(true).withStarted(true)
                    .withRestartCount(0).withContainerID("sim://" + pod.getMetadata().getUid() + "_" + c.getName())
                    .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build());
        }
        var inits = new ArrayList<ContainerStatus>();
        for (var c : pod.getSpec().getInitContainers()) {
            inits.add(new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(true).withRestartCount(0)
                    .withNewState().withNewTerminated().withExitCode(0).withReason("Completed").withStartedAt(now).withFinishedAt(now)
                    .endTerminated().endState().build());
        }
        patchStatus(pod, new PodBuilder().withNewStatus().withPhase("Running").withStartTime(now).withHostIP("127.0.0.1")
                .withConditions(condition("PodScheduled"), condition("Initialized"), condition("ContainersReady"), condition("Ready"))
                .withContainerStatuses(statuses).withInitContainerStatuses(inits).endStatus().build());
    }

    private void setFailed(Pod pod, String message) {
        LOG.info("pod {} failed on {}: {}", name(pod), nodeName, message);
        patchStatus(pod, new PodBuilder().withNewStatus().withPhase("Failed").withReason(ADMISSION_ERROR).withMessage(message)
                .withStartTime(now()).endStatus().build());
    }

    /**
     * A merge patch of the status subresource, one request as kubelet's status manager sends (a patch given as text
     * would make the client read the pod first): the device plugin patches the pod's annotations meanwhile.
     */
    private void patchStatus(Pod pod, Pod status) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), status);
        } catch (KubernetesClientException e) {
            LOG.warn("pod {}: status not written: {}", name(pod), e.getMessage());
        }
    }

    private static PodCondition condition(String type) {
        return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now()).build();
    }

    private static long nowMicros() {
        var now = Instant.now();
        return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + TimeUnit.NANOSECONDS.toMicros(now.getNano());
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    /** Stops watching, then stops every container this node started and removes their records. */
    @Override
    public void close() {
        if (informer != null) {
            informer.stop();
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (var work : pods.values()) {
            work.done.join(); // a pod worker's waits are bounded: the shim's for its record, the runtime's start
            work.stopAll();
        }
        pods.clear();
    }
}
