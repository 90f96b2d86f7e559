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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod side of the node's kubelet: it watches pods in every namespace, keeps those bound to this node, and
 * admits each new one as kubelet does: init containers first, then the others; for a container asking for the
 * plugin's resource it picks that many free healthy device IDs, calls {@code Allocate} for that one container
 * over the plugin's socket and starts the container with the answer. An {@code Allocate} error fails the pod
 * with reason {@value #ADMISSION_ERROR}; a pod whose containers all started is reported Running. A deleted pod's
 * containers are stopped and its device IDs freed.
 *
 * <p>Every pod event is handled on one thread, in order, so the device bookkeeping needs no further locking
 * against itself.
 */
final class KubeletPods implements AutoCloseable {
    /** kubelet's reason for a pod its device manager could not admit. */
    static final String ADMISSION_ERROR = "UnexpectedAdmissionError";
    private static final Logger LOG = LoggerFactory.getLogger(KubeletPods.class);

    private final KubernetesClient client;
    private final String nodeName;
    private final String resource;
    private final KubeletStandIn kubelet;
    private final DeviceIds devices;
    private final ContainerRuntime runtime;
    private final NodeLayout layout;
    private final ExecutorService worker;
    private final Map<String, List<Started>> pods = new HashMap<>();
    private SharedIndexInformer<Pod> informer;

    private record Started(PodContainer id, List<String> deviceIds, ContainerRuntime.Running running) {
    }

    KubeletPods(KubernetesClient client, String nodeName, String resource, KubeletStandIn kubelet, DeviceIds devices,
            ContainerRuntime runtime, NodeLayout layout) {
        this.client = client;
        this.nodeName = nodeName;
        this.resource = resource;
        this.kubelet = kubelet;
        this.devices = devices;
        this.runtime = runtime;
        this.layout = layout;
        this.worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "kubelet-pods-" + nodeName));
    }

    /** Starts watching; pods bound before are admitted too (the informer lists them first). */
    void start() {
        informer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                submit(pod, () -> admit(pod));
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                submit(pod, () -> {
                    if (pod.getMetadata().getDeletionTimestamp() != null) {
                        stop(pod.getMetadata().getUid());
                    } else {
                        admit(pod);
                    }
                });
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                submit(pod, () -> stop(pod.getMetadata().getUid()));
            }
        });
    }

    /** The mock API server ignores field selectors on {@code spec.nodeName}: pods are filtered here. */
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

    private void admit(Pod pod) {
        var uid = pod.getMetadata().getUid();
        var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (pods.containsKey(uid) || (phase != null && !phase.equals("Pending"))) {
            return;
        }
        var started = new ArrayList<Started>();
        pods.put(uid, started);
        var containers = new ArrayList<Container>(pod.getSpec().getInitContainers());
        containers.addAll(pod.getSpec().getContainers());
        for (var container : containers) {
            var id = new PodContainer(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid, container.getName());
            var failure = startContainer(id, requested(container), started);
            if (failure.isPresent()) {
                stopAll(started);
                setFailed(pod, failure.get());
                return;
            }
        }
        setRunning(pod);
        LOG.info("pod {} running on {}", name(pod), nodeName);
    }

    /** Allocates and starts one container; the failure message when that did not work. */
    private Optional<String> startContainer(PodContainer id, int count, List<Started> started) {
        List<String> ids = List.of();
        var allocation = ContainerAllocateResponse.getDefaultInstance();
        if (count > 0) {
            ids = choose(count);
            if (ids.size() < count) {
                return Optional.of("Allocate failed due to requested number of devices unavailable for " + resource
                        + ". Requested: " + count + ", Available: " + ids.size() + ", which is unexpected");
            }
            devices.take(ids);
            try {
                allocation = kubelet.allocate(List.of(ids)).getContainerResponses(0);
            } catch (StatusRuntimeException e) {
                devices.release(ids);
                return Optional.of("Allocate failed due to rpc error: code = " + e.getStatus().getCode() + " desc = "
                        + e.getStatus().getDescription() + ", which is unexpected");
            }
        }
        ContainerRuntime.Running running;
        try {
            running = runtime.start(id, allocation);
        } catch (IOException e) {
            devices.release(ids);
            return Optional.of("container " + id.container() + " failed to start: " + e.getMessage());
        }
        started.add(new Started(id, ids, running));
        try {
            StartedContainer.of(id, ids, allocation).write(layout.startedFile(id.uid(), id.container()));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("container " + id.container() + ": cannot record its start: " + e.getMessage());
        }
    }

    /** Free healthy IDs, as the plugin prefers them when it says it has a preference. */
    private List<String> choose(int count) {
        var available = devices.available();
        if (available.size() < count) {
            return available;
        }
        var options = kubelet.options();
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

    /** The container's request for the resource: its limit (an extended resource's request equals it), else its request. */
    private int requested(Container container) {
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

    private void stop(String uid) {
        var started = pods.remove(uid);
        if (started != null) {
            stopAll(started);
            LOG.info("pod {} stopped on {}", uid, nodeName);
        }
    }

    private void stopAll(List<Started> started) {
        for (var s : started.reversed()) {
            try {
                s.running().stop();
                Files.deleteIfExists(layout.startedFile(s.id().uid(), s.id().container()));
            } catch (IOException e) {
                LOG.warn("container {}: stop failed: {}", s.id(), e.toString());
            }
            devices.release(s.deviceIds());
        }
        started.clear();
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

    /** A merge patch of the status subresource: the device plugin patches the pod's annotations meanwhile. */
    private void patchStatus(Pod pod, Pod status) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(status));
        } catch (KubernetesClientException e) {
            LOG.warn("pod {}: status not written: {}", name(pod), e.getMessage());
        }
    }

    private static PodCondition condition(String type) {
        return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now()).build();
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
        pods.values().forEach(this::stopAll);
        pods.clear();
    }
}
