package io.hami.demo.simulate;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.hami.demo.cluster.NodeSpec;
import io.hami.deviceplugin.nvidia.NvmlDeviceSource;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.model.vendor.Vendors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The nodes a simulation schedules onto: the demo's machines ({@link NodeSpec#defaults}: 8 × A100-40GB, 2 × V100-32GB
 * and 4 × A10 in turn), each a Node carrying the register annotation its device plugin would write, so that the
 * scheduler reads it as it reads a real node.
 *
 * @param nodes    the Nodes, in the order the filter receives them as candidates
 * @param machines each node's machine, in the same order
 */
public record VirtualCluster(List<Node> nodes, List<Machine> machines) {

    /**
     * A machine of the demo, as its NVML profile ({@code nvml-profiles/<profile>.json} of the test fixtures) describes
     * it and its device plugin registers it: split count 10, memory and core scaling 1.
     *
     * @param profile   the profile's name, as {@link NodeSpec#profile()}
     * @param nvmlName  the GPUs' NVML name
     * @param gpus      how many GPUs
     * @param memoryMiB each GPU's memory
     */
    public record Machine(String profile, String nvmlName, int gpus, int memoryMiB) {
        /** The demo's machines. */
        public static final List<Machine> DEMO = List.of(
                new Machine("a100x8", "NVIDIA A100-SXM4-40GB", 8, 40960),
                new Machine("v100-32gb-x2", "Tesla V100-SXM2-32GB", 2, 32768),
                new Machine("a10x4", "NVIDIA A10", 4, 24576));

        /** Containers per GPU: the device plugin's default {@code deviceSplitCount}. */
        public static final int SPLIT_COUNT = 10;

        /** The machine of a demo profile. */
        static Machine of(String profile) {
            return DEMO.stream().filter(m -> m.profile.equals(profile)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no simulated machine for profile " + profile));
        }
    }

    public VirtualCluster {
        nodes = List.copyOf(nodes);
        machines = List.copyOf(machines);
        if (nodes.size() != machines.size()) {
            throw new IllegalArgumentException("one machine per node: " + nodes.size() + " nodes, " + machines.size());
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a virtual cluster needs at least one node");
        }
    }

    /** {@code count} nodes named and equipped as the demo's ({@code gpu-a100-1}, {@code gpu-v100-1}, …). */
    public static VirtualCluster demo(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--nodes must be positive: " + count);
        }
        String key = Vendors.defaults().byId("nvidia").orElseThrow().annotations().nodeRegister().orElseThrow();
        var nodes = new ArrayList<Node>(count);
        var machines = new ArrayList<Machine>(count);
        int ordinal = 0;
        for (NodeSpec spec : NodeSpec.defaults(count)) {
            Machine machine = Machine.of(spec.profile());
            machines.add(machine);
            var devices = new ArrayList<NodeDevice>(machine.gpus());
            for (int i = 0; i < machine.gpus(); i++) {
                devices.add(NodeDevice.of(uuid(ordinal, i), i, Machine.SPLIT_COUNT, machine.memoryMiB(), 100,
                        NvmlDeviceSource.registeredType(machine.nvmlName()), 0, "hami-core", true));
            }
            nodes.add(new NodeBuilder().withNewMetadata().withName(spec.name())
                    .withAnnotations(Map.of(key, NodeRegisterCodec.INSTANCE.encode(new NodeRegistration(devices))))
                    .endMetadata().build());
            ordinal++;
        }
        return new VirtualCluster(nodes, machines);
    }

    /** The node names, in candidate order. */
    public List<String> names() {
        return nodes.stream().map(n -> Objects.requireNonNull(n.getMetadata().getName())).toList();
    }

    /** The GPUs and their memory, for the trace generator. */
    public TraceGenerator.ClusterCapacity capacity() {
        long memory = machines.stream().mapToLong(m -> (long) m.gpus() * m.memoryMiB()).sum();
        int gpus = machines.stream().mapToInt(Machine::gpus).sum();
        return new TraceGenerator.ClusterCapacity(memory, (double) memory / gpus);
    }

    private static String uuid(int node, int gpu) {
        return String.format(Locale.ROOT, "GPU-%08x-0000-4000-8000-%012x", node, gpu);
    }
}
