package io.hami.scheduler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders of fabric8 objects for the scheduler's tests. */
public final class Kube {

    private Kube() {
    }

    /** A map from alternating keys and values. */
    public static Map<String, String> map(String... keysAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A container whose limits are the given resources ({@code "nvidia.com/gpu", "1", ...}). */
    public static Container container(String name, String... limits) {
        var q = new LinkedHashMap<String, Quantity>();
        map(limits).forEach((k, v) -> q.put(k, new Quantity(v)));
        return new ContainerBuilder().withName(name).withNewResources().withLimits(q).endResources().build();
    }

    /** A container whose requests (not limits) are the given resources. */
    public static Container requesting(String name, String... requests) {
        var q = new LinkedHashMap<String, Quantity>();
        map(requests).forEach((k, v) -> q.put(k, new Quantity(v)));
        return new ContainerBuilder().withName(name).withNewResources().withRequests(q).endResources().build();
    }

    /** A pod in namespace {@code default} with UID {@code uid-<name>}. */
    public static PodSpecBuilder pod(String name) {
        return new PodSpecBuilder(name);
    }

    /** A fluent pod description. */
    public static final class PodSpecBuilder {
        private final String name;
        private String namespace = "default";
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private final List<Container> init = new ArrayList<>();
        private final List<Container> app = new ArrayList<>();
        private String phase;
        private final List<ContainerStatus> initStatuses = new ArrayList<>();
        private boolean terminating;
        private String schedulerName;
        private String nodeName;

        private PodSpecBuilder(String name) {
            this.name = name;
        }

        public PodSpecBuilder namespace(String ns) {
            this.namespace = ns;
            return this;
        }

        public PodSpecBuilder annotate(String... keysAndValues) {
            annotations.putAll(map(keysAndValues));
            return this;
        }

        public PodSpecBuilder init(Container... containers) {
            init.addAll(Arrays.asList(containers));
            return this;
        }

        public PodSpecBuilder app(Container... containers) {
            app.addAll(Arrays.asList(containers));
            return this;
        }

        public PodSpecBuilder phase(String phase) {
            this.phase = phase;
            return this;
        }

        /** {@code spec.schedulerName}. */
        public PodSpecBuilder scheduler(String name) {
            this.schedulerName = name;
            return this;
        }

        /** {@code spec.nodeName}: the pod is bound. */
        public PodSpecBuilder boundTo(String node) {
            this.nodeName = node;
            return this;
        }

        public PodSpecBuilder terminating() {
            this.terminating = true;
            return this;
        }

        /** Init container statuses: one terminated status per exit code. */
        public PodSpecBuilder initExited(int... exitCodes) {
            for (int code : exitCodes) {
                initStatuses.add(new ContainerStatusBuilder().withName("i").withNewState().withNewTerminated()
                        .withExitCode(code).endTerminated().endState().build());
            }
            return this;
        }

        public Pod build() {
            var b = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withUid("uid-" + name)
                    .withAnnotations(annotations).endMetadata()
                    .withNewSpec().withSchedulerName(schedulerName).withNodeName(nodeName).withInitContainers(init)
                    .withContainers(app).endSpec()
                    .withNewStatus().withPhase(phase).withInitContainerStatuses(initStatuses).endStatus();
            if (terminating) {
                b.editMetadata().withDeletionTimestamp("2026-11-28T10:00:00Z").endMetadata();
            }
            return b.build();
        }
    }

    /** A node with annotations. */
    public static Node node(String name, Map<String, String> annotations) {
        return new NodeBuilder().withNewMetadata().withName(name).withAnnotations(annotations).endMetadata().build();
    }

    /** A node with annotations and a capacity ({@code "mthreads.com/sgpu-core", "32", ...}). */
    public static Node node(String name, Map<String, String> annotations, String... capacity) {
        var q = new LinkedHashMap<String, Quantity>();
        map(capacity).forEach((k, v) -> q.put(k, new Quantity(v)));
        return new NodeBuilder().withNewMetadata().withName(name).withAnnotations(annotations).endMetadata()
                .withNewStatus().withCapacity(q).withAllocatable(q).endStatus().build();
    }

    /** A node registering these NVIDIA GPUs. */
    public static Node nvidiaNode(String name, NodeDevice... devices) {
        return node(name, map("hami.io/node-nvidia-register",
                NodeRegisterCodec.INSTANCE.encode(new NodeRegistration(List.of(devices)))));
    }

    /** A healthy {@code hami-core} GPU typed {@code NVIDIA} (as HAMi's tests type them). */
    public static NodeDevice gpu(String id, int index, int count, int mem, int cores, int numa) {
        return NodeDevice.of(id, index, count, mem, cores, "NVIDIA", numa, "hami-core", true);
    }

    /** A GPU typed by model, as real device plugins register them. */
    public static NodeDevice model(String id, int index, String type, int mem) {
        return NodeDevice.of(id, index, 10, mem, 100, type, 0, "hami-core", true);
    }

    /** A ResourceQuota in a namespace with {@code spec.hard}. */
    public static ResourceQuota quota(String namespace, String name, String... hard) {
        var q = new LinkedHashMap<String, Quantity>();
        map(hard).forEach((k, v) -> q.put(k, new Quantity(v)));
        return new ResourceQuotaBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withHard(q).endSpec().build();
    }
}
