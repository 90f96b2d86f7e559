package io.hami.demo.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.demo.node.VendorPluginStandIn;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.vendor.VendorSelection;
import io.hami.model.annotation.KubernetesNames;
import io.hami.model.annotation.VgpuModeFilter;
import io.hami.model.protocol.NvidiaAnnotations;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One simulated node: its name, whose devices it has (the vendor as {@code hami device-plugin --vendor} names it), the
 * mock library's profile it runs on (NVIDIA's GPUs get UUIDs of their own, see {@link NodeProfiles}), and the device
 * plugin's settings.
 *
 * @param name          the Node's name
 * @param vendor        {@code nvidia}, one of {@link VendorSelection#VENDORS}, or the id of a device type whose plugin is
 *                      its vendor's own ({@link VendorPluginStandIn#TYPES})
 * @param profile       the profile's name in the vendor mock's profiles directory, e.g. {@code a100x8}, {@code machine}
 *                      (for a device type of {@link VendorPluginStandIn#TYPES}, its one machine: {@code machine})
 * @param splitCount    the device plugin's {@code deviceSplitCount} (vendors that fix theirs ignore it)
 * @param usedFraction  how much of its limit each started container uses, 0..1 (the region writer's fill; NVIDIA only)
 * @param labels        extra Node labels
 * @param lockless      whether the NVIDIA device plugin binds without the node lock
 * @param mode          the NVIDIA device plugin's sharing mode ({@code hami device-plugin --mode}): {@code hami-core}, or
 *                      {@link Sharing#MIG} for GPUs in MIG mode partitioned per pod (dynamic MIG)
 */
public record NodeSpec(String name, String vendor, String profile, int splitCount, double usedFraction,
                       Map<String, String> labels, boolean lockless, String mode) {

    /** The {@code --vendor} of NVIDIA nodes. */
    public static final String NVIDIA = "nvidia";
    /** The device plugin's default sharing mode. */
    public static final String HAMI_CORE = "hami-core";
    /** The name and profile of {@link #migMachine()}. */
    static final String MIG_NODE = "gpu-a100-mig-1";
    static final String MIG_PROFILE = "a100-40gb-mig-x2";

    /**
     * The machine the demo starts for each device type of another vendor, by the type's id in the default catalog: one
     * node each, named after the device.
     */
    private static final Map<String, NodeSpec> VENDOR_MACHINES = machines();

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        if (!KubernetesNames.isDnsLabel(name)) {
            throw new IllegalArgumentException("node name must be a DNS label: " + name);
        }
        Objects.requireNonNull(vendor, "vendor");
        if (!vendor.equals(NVIDIA) && !VendorSelection.VENDORS.contains(vendor)
                && !VendorPluginStandIn.TYPES.contains(vendor)) {
            throw new IllegalArgumentException("vendor must be nvidia, one of " + VendorSelection.VENDORS
                    + " or a device type of " + VendorPluginStandIn.TYPES + ": " + vendor);
        }
        Objects.requireNonNull(profile, "profile");
        if (splitCount < 1) {
            throw new IllegalArgumentException("split count must be at least 1: " + splitCount);
        }
        if (!(usedFraction >= 0 && usedFraction <= 1)) {
            throw new IllegalArgumentException("used fraction must be within 0..1: " + usedFraction);
        }
        labels = Map.copyOf(labels);
        if (lockless && !vendor.equals(NVIDIA)) {
            throw new IllegalArgumentException("only NVIDIA nodes run lockless: " + name);
        }
        Objects.requireNonNull(mode, "mode");
        if (!mode.equals(HAMI_CORE) && !(mode.equals(Sharing.MIG) && vendor.equals(NVIDIA) && !lockless)) {
            throw new IllegalArgumentException("mode must be " + HAMI_CORE + ", or " + Sharing.MIG
                    + " on an NVIDIA node on the node lock: " + name + " " + mode);
        }
    }

    /** A node on HAMi's lock protocol. */
    public NodeSpec(String name, String vendor, String profile, int splitCount, double usedFraction, Map<String, String> labels) {
        this(name, vendor, profile, splitCount, usedFraction, labels, false, HAMI_CORE);
    }

    /** This node with its device plugin lockless or not (docs/protocol.md, "Binds without the node lock"). */
    public NodeSpec withLockless(boolean on) {
        return new NodeSpec(name, vendor, profile, splitCount, usedFraction, labels, on, mode);
    }

    /** Whether the node's GPUs are partitioned by dynamic MIG (docs/vendors.md, "NVIDIA — dynamic MIG"). */
    public boolean dynamicMig() {
        return mode.equals(Sharing.MIG);
    }

    /**
     * The demo's MIG machine: 2 × A100-SXM4-40GB in MIG mode without instances, its device plugin in dynamic MIG mode
     * (each pod's instance made when kubelet allocates it, destroyed when the pod goes).
     */
    public static NodeSpec migMachine() {
        return new NodeSpec(MIG_NODE, NVIDIA, MIG_PROFILE, 10, 0.5, Map.of(), false, Sharing.MIG);
    }

    /** An NVIDIA node. */
    public NodeSpec(String name, String profile, int splitCount, double usedFraction, Map<String, String> labels) {
        this(name, NVIDIA, profile, splitCount, usedFraction, labels);
    }

    /** An NVIDIA node with split count 10 whose containers use half of their memory. */
    public static NodeSpec of(String name, String profile) {
        return new NodeSpec(name, profile, 10, 0.5, Map.of());
    }

    /** Whether it is an NVIDIA node (HAMi-core, regions, the NVML mock). */
    public boolean nvidia() {
        return vendor.equals(NVIDIA);
    }

    /**
     * Whether the node's devices are of a type whose device plugin is its vendor's own: the node runs no plugin or
     * monitor of ours and opens no library ({@link VendorPluginStandIn}).
     */
    public boolean vendorPlugin() {
        return VendorPluginStandIn.TYPES.contains(vendor);
    }

    /** Whose library the node's plugin and monitor open; not for a {@link #vendorPlugin()} node. */
    public DeviceVendor libraryVendor() {
        return nvidia() ? DeviceVendor.NVIDIA : VendorSelection.libraryVendor(vendor);
    }

    /** The demo's default cluster: 8 × A100-40GB, 2 × V100-32GB and 4 × A10-24GB machines, one node each. */
    public static List<NodeSpec> defaults(int nodes) {
        String[] profiles = {"a100x8", "v100-32gb-x2", "a10x4"};
        String[] names = {"gpu-a100", "gpu-v100", "gpu-a10"};
        var list = new ArrayList<NodeSpec>();
        for (int i = 0; i < nodes; i++) {
            int kind = i % profiles.length;
            list.add(of(names[kind] + "-" + (i / profiles.length + 1), profiles[kind]));
        }
        return List.copyOf(list);
    }

    /**
     * One node of each other vendor's device type the demo has a machine for (the mocks' profiles): an MLU370 node, an
     * Ascend 910B3 node, a Hygon DCU node, an Iluvatar BI-V150 node, a MetaX node of shared GPUs and one of whole GPUs,
     * a Moore Threads node; and one node of each device type whose plugin is its vendor's own
     * ({@link VendorPluginStandIn}).
     */
    public static List<NodeSpec> vendorMachines(Set<String> deviceTypes) {
        return VENDOR_MACHINES.entrySet().stream().filter(e -> deviceTypes.contains(e.getKey())).map(Map.Entry::getValue)
                .toList();
    }

    /** Every other vendor's machine. */
    public static List<NodeSpec> vendorMachines() {
        return List.copyOf(VENDOR_MACHINES.values());
    }

    /** The ids of the other vendors' device types the demo has a machine of, in the catalog's order. */
    public static List<String> vendorMachineTypes() {
        return List.copyOf(VENDOR_MACHINES.keySet());
    }

    /**
     * The nodes {@code pods} need: {@code nvidiaNodes} {@link #defaults} when a pod asks for NVIDIA GPUs without asking
     * for MIG, or when no pod asks for a device of another vendor or for MIG; the {@link #migMachine()} when a pod admits
     * only GPUs in MIG mode ({@code nvidia.com/vgpu-mode: mig}); and one node of each other device type a pod asks for
     * that the demo has a machine of.
     */
    public static List<NodeSpec> forWorkload(List<Pod> pods, int nvidiaNodes) {
        var types = requestedTypes(pods);
        var nodes = new ArrayList<NodeSpec>();
        boolean others = types.stream().anyMatch(VENDOR_MACHINES::containsKey);
        boolean mig = pods.stream().anyMatch(NodeSpec::asksForMig);
        boolean sharedNvidia = pods.stream().anyMatch(p -> !asksForMig(p) && requestedTypes(List.of(p)).contains(NVIDIA));
        if (sharedNvidia || !(others || mig)) {
            nodes.addAll(defaults(nvidiaNodes));
        }
        if (mig) {
            nodes.add(migMachine());
        }
        nodes.addAll(vendorMachines(types));
        return List.copyOf(nodes);
    }

    /**
     * The ids of the device types some container of {@code pods} asks for by any of their resource names: a NeuronCore
     * count or an Enflame DRS memory alone asks for a device of the type as much as its count resource does.
     */
    static Set<String> requestedTypes(List<Pod> pods) {
        var catalog = Vendors.defaults();
        var types = new LinkedHashSet<String>();
        for (Pod pod : pods) {
            if (pod.getSpec() == null) {
                continue;
            }
            Stream.concat(pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream())
                    .flatMap(NodeSpec::resourceNames)
                    .forEach(name -> catalog.all().stream().filter(type -> type.resources().names(name))
                            .map(VendorDescriptor::id).forEach(types::add));
        }
        return types;
    }

    /** Whether the pod admits only GPUs in MIG mode ({@code nvidia.com/vgpu-mode: mig}). */
    static boolean asksForMig(Pod pod) {
        var annotations = pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
        var filter = VgpuModeFilter.fromAnnotation(annotations == null ? null : annotations.get(NvidiaAnnotations.VGPU_MODE));
        return filter.allowed().isPresent() && filter.admits(Sharing.MIG);
    }

    private static Stream<String> resourceNames(Container c) {
        var r = c.getResources();
        if (r == null) {
            return Stream.empty();
        }
        return Stream.concat(r.getLimits() == null ? Stream.empty() : r.getLimits().keySet().stream(),
                r.getRequests() == null ? Stream.empty() : r.getRequests().keySet().stream());
    }

    private static Map<String, NodeSpec> machines() {
        var machines = new LinkedHashMap<String, NodeSpec>();
        machines.put("cambricon", vendor("mlu370-1", "cambricon", "smlu"));
        machines.put("ascend-910b3", vendor("ascend910b3-1", "ascend", "910b3x4"));
        machines.put("hygon", vendor("dcu-z100-1", "hygon", "machine"));
        machines.put("iluvatar-bi-v150", vendor("iluvatar-bi-v150-1", "iluvatar", "machine"));
        machines.put("metax-sgpu", vendor("metax-sgpu-1", "metax-sgpu", "machine"));
        machines.put("metax-gpu", vendor("metax-gpu-1", "metax-gpu", "c500x4"));
        machines.put("mthreads", vendor("mthreads-s4000-1", "mthreads", "machine"));
        machines.put("kunlun-xpu", vendor("kunlun-p800-1", "kunlun-xpu", "machine"));
        machines.put("kunlun-vxpu", vendor("kunlun-vxpu-1", "kunlun-vxpu", "machine"));
        machines.put("enflame-gcu", vendor("enflame-gcu-1", "enflame-gcu", "machine"));
        machines.put("enflame-drs", vendor("enflame-drs-1", "enflame-drs", "machine"));
        // Neuron devices connect as the instance type says: a trn1.32xlarge's 16 in a ring of aligned groups
        machines.put("awsneuron", new NodeSpec("trn1-32xlarge-1", "awsneuron", "machine", 10, 0,
                Map.of("node.kubernetes.io/instance-type", "trn1.32xlarge")));
        machines.put("amd", vendor("amd-mi300x-1", "amd", "machine"));
        machines.put("vastai", vendor("vastai-1", "vastai", "machine"));
        machines.put("biren", vendor("biren-1", "biren", "machine"));
        return machines;
    }

    private static NodeSpec vendor(String name, String vendor, String profile) {
        return new NodeSpec(name, vendor, profile, 10, 0, Map.of());
    }
}
