package io.hami.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.GpuSchedulerPolicyCodec;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.filter.Filter;
import io.hami.scheduler.filter.FilterResult;
import io.hami.scheduler.filter.TypeAllocation;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.snapshot.SnapshotBuilder;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.ArrayList;
import java.util.List;

/** A small cluster for filter tests: nodes, pods already holding devices, quotas, and the scheduler's flags. */
public final class Scenario {

    public static final DeviceTypes TYPES = DeviceTypes.defaults();

    private final SnapshotBuilder builder = ClusterSnapshot.builder(TYPES);
    private final List<String> nodes = new ArrayList<>();
    private NodeSchedulerPolicy nodePolicy = NodeSchedulerPolicy.BINPACK;
    private GpuSchedulerPolicy gpuPolicy = GpuSchedulerPolicy.SPREAD;
    private SchedulerConfig.Evaluation evaluation = SchedulerConfig.Evaluation.BEST_FIRST;
    private int pods;

    /** A cluster of these nodes, which are also the candidates, in this order. */
    public static Scenario of(Node... nodes) {
        var s = new Scenario();
        for (Node n : nodes) {
            s.builder.putNode(n);
            s.nodes.add(n.getMetadata().getName());
        }
        return s;
    }

    /** A pod on {@code node} already holding the NVIDIA allocation {@code allocated} (e.g. {@code dev1,NVIDIA,2000,25:;}). */
    public Scenario holding(String node, String allocated) {
        return holding(node, "hami.io/vgpu-devices-allocated", allocated, "default");
    }

    /** A pod in {@code namespace} on {@code node} with one allocation annotation. */
    public Scenario holding(String node, String key, String allocated, String namespace) {
        Pod pod = Kube.pod("holder-" + (pods++)).namespace(namespace)
                .annotate("hami.io/vgpu-node", node, key, allocated)
                .app(Kube.container("c")).build();
        try {
            builder.putPod(pod, false);
        } catch (WireFormatException e) {
            throw new AssertionError(e);
        }
        return this;
    }

    /** A pod in {@code default} on {@code node} with these annotations ({@code hami.io/vgpu-node} added). */
    public Scenario holdingAnnotated(String node, String... annotations) {
        Pod pod = Kube.pod("holder-" + (pods++)).annotate("hami.io/vgpu-node", node).annotate(annotations)
                .app(Kube.container("c")).build();
        try {
            builder.putPod(pod, false);
        } catch (WireFormatException e) {
            throw new AssertionError(e);
        }
        return this;
    }

    public Scenario quota(ResourceQuota quota) {
        builder.putQuota(quota);
        return this;
    }

    public Scenario nodePolicy(NodeSchedulerPolicy policy) {
        this.nodePolicy = policy;
        return this;
    }

    public Scenario gpuPolicy(String policy) {
        try {
            this.gpuPolicy = GpuSchedulerPolicyCodec.INSTANCE.decode(policy);
        } catch (WireFormatException e) {
            throw new AssertionError(e);
        }
        return this;
    }

    public Scenario allNodes() {
        this.evaluation = SchedulerConfig.Evaluation.ALL_NODES;
        return this;
    }

    public ClusterSnapshot snapshot() {
        return builder.build();
    }

    public SchedulerConfig config() {
        return new SchedulerConfig(TYPES, nodePolicy, gpuPolicy, evaluation);
    }

    /** Filters the pod over every node of the scenario. */
    public FilterResult filter(Pod pod) {
        return Filter.decide(pod, nodes, snapshot(), config());
    }

    /** The encoded NVIDIA allocation of a scheduled result. */
    public static String nvidia(FilterResult r) {
        return allocation(r, "nvidia");
    }

    /** The encoded allocation of one type. */
    public static String allocation(FilterResult r, String typeId) {
        return r.allocations().stream().filter(a -> a.type().id().equals(typeId)).map(TypeAllocation::encoded)
                .findFirst().orElseThrow(() -> new AssertionError("no " + typeId + " allocation in " + r));
    }
}
