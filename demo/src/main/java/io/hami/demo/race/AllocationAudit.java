package io.hami.demo.race;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.demo.node.NodeLayout;
import io.hami.demo.node.ServedDevices;
import io.hami.demo.node.VendorPluginStandIn;
import io.hami.demo.node.StartedContainer;
import io.hami.demo.report.ClusterSnapshot;
import io.hami.demo.report.GpuUse;
import io.hami.deviceplugin.allocate.KubePods;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.PodDevices;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.HamiCoreLimits;
import io.hami.model.protocol.HamiCoreView;
import io.hami.model.protocol.PodContainer;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.kube.KubeObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks that no device is over-committed and that every container got what its pod's allocation says, for every
 * device type.
 *
 * <ul>
 *   <li>From the annotations: per node and device, the live pods' {@code hami.io/<type>-devices-allocated} entries
 *       (init containers at their peak, app containers summed, as the scheduler counts them) take at most the
 *       registered memory and cores and at most {@code count} slots (where the scheduler publishes them); a container
 *       with all of a device's cores has it alone; on a GPU in MIG mode, the live pods' MIG reservations
 *       ({@code vgpu-mig-allocations}) overlap no other's placement, and the cores are not summed (each profile
 *       books its share of the SMs rounded up, so a full GPU books more than 100).</li>
 *   <li>From the containers: each {@code started/<podUID>_<container>.json} of a live pod (what {@code Allocate}
 *       answered) carries exactly its allocation entry: for NVIDIA in HAMi-core's variables (UUIDs, memory per
 *       device, cores), and the memory limits of a GPU's live containers sum to at most its registered memory; for an
 *       NVIDIA GPU in MIG mode (dynamic MIG: no HAMi-core, so none of its checks) the MIG devices the pod's
 *       reservations say were made for the container, and no HAMi-core limits; for the
 *       other vendors the visible-devices variable and the device nodes of the devices the entry names, as the node
 *       serves them ({@link VendorAnswerCheck}); for the types whose plugin is their vendor's own, which no
 *       {@code Allocate} of ours answers, that the entry names devices its node registered; every device container of
 *       a Running pod was started.</li>
 * </ul>
 */
public final class AllocationAudit {

    /** The outcome: how many container allocations were compared, and every violation found. */
    public record Result(int allocationsChecked, List<String> violations) {
    }

    private AllocationAudit() {
    }

    /**
     * Audits {@code snapshot} against the live pods {@code pods} and the nodes' directories.
     *
     * @param nodeDirs each node's directory (holding {@code started/} and {@code devices.json})
     */
    public static Result audit(ClusterSnapshot snapshot, List<Pod> pods, Map<String, Path> nodeDirs)
            throws IOException {
        var violations = new ArrayList<String>();
        var live = new HashMap<String, Pod>();
        pods.stream().filter(p -> !terminal(p)).forEach(p -> live.put(p.getMetadata().getUid(), p));
        checkAnnotations(snapshot, live, violations);
        int checked = 0;
        for (var e : nodeDirs.entrySet()) {
            checked += checkStarted(e.getKey(), new NodeLayout(e.getValue()), snapshot, live, violations);
        }
        return new Result(checked, List.copyOf(violations));
    }

    private static boolean terminal(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static void checkAnnotations(ClusterSnapshot snapshot, Map<String, Pod> live, List<String> violations) {
        for (var node : snapshot.nodes()) {
            for (var gpu : node.gpus()) {
                var type = ClusterSnapshot.TYPES.byId(gpu.deviceType()).orElseThrow();
                long mem = 0;
                int cores = 0;
                int slots = 0;
                boolean exclusive = false;
                int holders = 0;
                for (Pod p : live.values()) {
                    if (!node.name().equals(p.getSpec().getNodeName())) {
                        continue;
                    }
                    PodDevices allocation;
                    try {
                        allocation = allocation(p, type);
                    } catch (WireFormatException ex) {
                        violations.add(name(p) + ": unreadable allocation: " + ex.getMessage());
                        continue;
                    }
                    if (allocation == null) {
                        continue;
                    }
                    int inits = KubeObjects.initContainers(p).size();
                    GpuUse use = GpuUse.of(allocation, inits, gpu.uuid(), gpu.registeredCores());
                    if (!use.holds()) {
                        continue;
                    }
                    mem += use.memoryMiB();
                    cores += use.cores();
                    slots += use.containers();
                    holders++;
                    exclusive |= use.exclusive();
                }
                String where = node.name() + " " + gpu.uuid();
                if (mem > gpu.registeredMiB()) {
                    violations.add(where + ": memory over-committed: " + mem + " of " + gpu.registeredMiB() + " MiB");
                }
                // a MIG profile books its SMs' share rounded up (seven 1g.5gb: 105 of 100); placements are the MIG limit
                if (cores > gpu.registeredCores() && !gpu.mig()) {
                    violations.add(where + ": cores over-committed: " + cores + " of " + gpu.registeredCores());
                }
                if (gpu.count() > 0 && slots > gpu.count()) {
                    violations.add(where + ": " + slots + " containers share it, more than its " + gpu.count()
                            + " slots");
                }
                if (exclusive && holders > 1) {
                    violations.add(where + ": held exclusively (all its cores) yet shared by " + holders + " pods");
                }
                if (gpu.mig()) {
                    checkPlacements(where, node.name(), gpu.uuid(), live, violations);
                }
            }
        }
    }

    /** No two MIG reservations of the node's live pods on GPU {@code uuid} share a slice. */
    private static void checkPlacements(String where, String node, String uuid, Map<String, Pod> live,
                                        List<String> violations) {
        var taken = new ArrayList<String>(); // "pod profile start+size", parallel to spans
        var spans = new ArrayList<MigPlacement>();
        for (Pod p : live.values()) {
            if (!node.equals(p.getSpec().getNodeName())) {
                continue;
            }
            List<MigAllocation> reservations;
            try {
                reservations = migAllocations(p);
            } catch (WireFormatException e) {
                violations.add(name(p) + ": unreadable MIG reservations: " + e.getMessage());
                continue;
            }
            for (var r : reservations) {
                if (!r.gpuUuid().equals(uuid)) {
                    continue;
                }
                String what = name(p) + " " + r.profile() + " at " + r.placement().start() + "+" + r.placement().size();
                for (int i = 0; i < spans.size(); i++) {
                    var o = spans.get(i);
                    if (r.placement().start() < o.start() + o.size() && o.start() < r.placement().start() + r.placement().size()) {
                        violations.add(where + ": MIG placements overlap: " + what + " and " + taken.get(i));
                    }
                }
                taken.add(what);
                spans.add(r.placement());
            }
        }
    }

    /** The pod's MIG reservations; none when it has none. */
    private static List<MigAllocation> migAllocations(Pod p) throws WireFormatException {
        String wire = p.getMetadata().getAnnotations() == null ? null
                : p.getMetadata().getAnnotations().get(HamiAnnotations.MIG_ALLOCATIONS);
        return wire == null ? List.of() : MigAllocationsCodec.INSTANCE.decode(wire).allocations();
    }

    /** The pod's allocation of {@code type}; null when it has none. */
    private static PodDevices allocation(Pod p, VendorDescriptor type) throws WireFormatException {
        String wire = p.getMetadata().getAnnotations() == null ? null
                : p.getMetadata().getAnnotations().get(type.annotations().devicesAllocated());
        return wire == null ? null : PodDevicesCodec.INSTANCE.decode(wire);
    }

    /** A container's allocation entry: its type, its position in the allocation and the devices it names. */
    private record Entry(VendorDescriptor type, int index, List<ContainerDevice> devices) {
    }

    /** The container's entry in the first of its pod's allocations that has one for it. */
    private static Optional<Entry> entryOf(Pod pod, String container) throws WireFormatException {
        for (var type : ClusterSnapshot.TYPES.all()) {
            PodDevices allocation = allocation(pod, type);
            if (allocation == null) {
                continue;
            }
            // by the count resource first; a container may ask by another of the type's names alone (NeuronCores)
            for (String resource : type.resources().all()) {
                var entry = KubePods.containers(pod).entryOf(allocation, container, resource);
                if (entry.isPresent()) {
                    return Optional.of(new Entry(type, entry.getAsInt(), allocation.containers().get(entry.getAsInt()).devices()));
                }
            }
        }
        return Optional.empty();
    }

    private static int checkStarted(String node, NodeLayout layout, ClusterSnapshot snapshot, Map<String, Pod> live,
                                    List<String> violations) throws IOException {
        if (!Files.isDirectory(layout.startedDir())) {
            return 0;
        }
        int checked = 0;
        var limitByGpu = new HashMap<String, Long>();
        var startedContainers = new LinkedHashSet<String>();
        ServedDevices served = Files.isRegularFile(layout.devicesFile()) ? ServedDevices.read(layout.devicesFile()) : null;
        List<Path> files;
        try (Stream<Path> s = Files.list(layout.startedDir())) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            var started = StartedContainer.read(f);
            Pod pod = live.get(started.uid());
            if (pod == null) {
                continue; // deleted since, or terminal: its devices are free again
            }
            startedContainers.add(started.uid() + "/" + started.container());
            String where = node + " " + name(pod) + "/" + started.container();
            try {
                var entry = entryOf(pod, started.container());
                if (entry.isEmpty() || entry.get().devices().isEmpty()) {
                    if (!started.deviceIds().isEmpty()) {
                        violations.add(where + ": started with devices but its pod has no allocation entry for it");
                    }
                    continue;
                }
                checked++;
                if (entry.get().type().id().equals("nvidia") && onMigGpus(node, entry.get().devices(), snapshot)) {
                    checkMig(where, pod, entry.get(), started, violations);
                } else if (entry.get().type().id().equals("nvidia")) {
                    checkHamiCore(where, entry.get().devices(), started, limitByGpu, violations);
                } else if (VendorPluginStandIn.TYPES.contains(entry.get().type().id())) {
                    registered(where, node, entry.get().devices(), snapshot, violations);
                } else if (served == null) {
                    violations.add(where + ": " + node + " recorded no devices it serves (" + layout.devicesFile() + ")");
                } else {
                    violations.addAll(VendorAnswerCheck.check(where, entry.get().type(), node, entry.get().devices(),
                            served, started));
                }
            } catch (WireFormatException e) {
                violations.add(where + ": " + e.getMessage());
            }
        }
        for (var n : snapshot.nodes()) {
            if (!n.name().equals(node)) {
                continue;
            }
            for (var gpu : n.gpus()) {
                long sum = limitByGpu.getOrDefault(gpu.uuid(), 0L);
                if (sum > gpu.registeredMiB()) {
                    violations.add(node + " " + gpu.uuid() + ": started containers' memory limits sum to " + sum
                            + " of " + gpu.registeredMiB() + " MiB");
                }
            }
        }
        checkEveryContainerStarted(node, live, startedContainers, violations);
        return checked;
    }

    /**
     * A type whose device plugin is its vendor's own: no {@code Allocate} of ours to compare, so the entry (decoded
     * with the model's codec) must name devices its node registered.
     */
    private static void registered(String where, String node, List<ContainerDevice> entry, ClusterSnapshot snapshot,
                                   List<String> violations) {
        var ids = snapshot.nodes().stream().filter(n -> n.name().equals(node)).flatMap(n -> n.gpus().stream())
                .map(g -> g.uuid()).collect(java.util.stream.Collectors.toSet());
        entry.stream().map(ContainerDevice::uuid).filter(id -> !ids.contains(id)).forEach(id ->
                violations.add(where + ": its allocation names " + id + ", which " + node + " did not register"));
    }

    /** Whether the entry names GPUs in MIG mode (dynamic MIG) of {@code node}. */
    private static boolean onMigGpus(String node, List<ContainerDevice> entry, ClusterSnapshot snapshot) {
        var mig = snapshot.nodes().stream().filter(n -> n.name().equals(node)).flatMap(n -> n.gpus().stream())
                .filter(ClusterSnapshot.GpuView::mig).map(ClusterSnapshot.GpuView::uuid)
                .collect(java.util.stream.Collectors.toSet());
        return entry.stream().anyMatch(d -> mig.contains(d.uuid()));
    }

    /**
     * A container on GPUs in MIG mode runs no HAMi-core: its answer carries no HAMi-core limits, and its visible devices
     * are the MIG devices made for its reservations, one per device of its entry, in device order.
     */
    private static void checkMig(String where, Pod pod, Entry entry, StartedContainer started, List<String> violations)
            throws WireFormatException {
        if (HamiCoreLimits.fromEnv(started.envs()).isPresent()) {
            violations.add(where + ": Allocate gave HAMi-core limits to a container on MIG devices");
        }
        var expected = new ArrayList<String>();
        for (int j = 0; j < entry.devices().size(); j++) {
            int device = j;
            var reservation = migAllocations(pod).stream()
                    .filter(a -> a.containerIndex() == entry.index() && a.deviceIndex() == device).findFirst();
            if (reservation.isEmpty() || !reservation.get().gpuUuid().equals(entry.devices().get(j).uuid())) {
                violations.add(where + ": device " + j + " (" + entry.devices().get(j).uuid()
                        + ") has no MIG reservation on that GPU");
                return;
            }
            if (reservation.get().runtime() == null) {
                violations.add(where + ": started, but no MIG instance is recorded for its " + reservation.get().profile()
                        + " reservation");
                return;
            }
            expected.add(reservation.get().runtime().migUuid());
        }
        String visible = started.envs().getOrDefault(HamiCoreView.VISIBLE_DEVICES, "");
        if (!List.of(visible.split(",", -1)).equals(expected)) {
            violations.add(where + ": " + HamiCoreView.VISIBLE_DEVICES + "=" + visible + ", but the MIG devices made for it are "
                    + expected);
        }
    }

    /** HAMi-core's variables carry the entry: its UUIDs, each device's memory, its cores. */
    private static void checkHamiCore(String where, List<ContainerDevice> expected, StartedContainer started,
                                      Map<String, Long> limitByGpu, List<String> violations) throws WireFormatException {
        var limits = HamiCoreLimits.fromEnv(started.envs());
        if (limits.isEmpty()) {
            violations.add(where + ": Allocate gave no HAMi-core limits");
            return;
        }
        var got = limits.get();
        var uuids = expected.stream().map(ContainerDevice::uuid).distinct().toList();
        var memory = expected.stream().map(d -> (long) d.usedMem()).toList();
        if (!got.visibleUuids().equals(uuids) || !got.memoryMiB().subList(0, Math.min(memory.size(),
                got.memoryMiB().size())).equals(memory) || got.smLimit().orElse(-1) != expected.getFirst().usedCores()) {
            violations.add(where + ": env " + got.visibleUuids() + " " + got.memoryMiB() + " "
                    + got.smLimit().orElse(-1) + " differs from the allocation " + expected);
        }
        for (int i = 0; i < expected.size() && i < got.memoryMiB().size(); i++) {
            limitByGpu.merge(expected.get(i).uuid(), got.memoryMiB().get(i), Long::sum);
        }
    }

    /** Every container of a Running pod whose allocation entry (of any type) holds devices was started. */
    private static void checkEveryContainerStarted(String node, Map<String, Pod> live, java.util.Set<String> started,
                                                   List<String> violations) {
        for (Pod p : live.values()) {
            if (!node.equals(p.getSpec().getNodeName()) || p.getStatus() == null
                    || !"Running".equals(p.getStatus().getPhase())) {
                continue;
            }
            var containers = KubePods.containers(p);
            for (var type : ClusterSnapshot.TYPES.all()) {
                try {
                    PodDevices allocation = allocation(p, type);
                    if (allocation == null) {
                        continue;
                    }
                    for (int i = 0; i < allocation.containers().size(); i++) {
                        var owner = allocation.containers().get(i).isEmpty() ? Optional.<PodContainer>empty()
                                : containers.containerOf(allocation, i, type.resources().count());
                        if (owner.isPresent() && !started.contains(p.getMetadata().getUid() + "/" + owner.get().name())) {
                            violations.add(node + " " + name(p) + "/" + owner.get().name()
                                    + ": Running, but its " + type.commonWord() + " container was never started");
                        }
                    }
                } catch (WireFormatException e) {
                    // reported by the annotation check
                }
            }
        }
    }

    private static String name(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }
}
