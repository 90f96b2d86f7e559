package io.hami.demo.race;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.demo.node.StartedContainer;
import io.hami.demo.report.ClusterSnapshot;
import io.hami.demo.report.GpuUse;
import io.hami.deviceplugin.allocate.KubePods;
import io.hami.model.input.UntrustedFiles;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.protocol.HamiCoreLimits;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.PodDevices;
import io.hami.model.protocol.PodContainer;
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
import java.util.OptionalInt;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that no GPU is over-committed and that every container got what its pod's allocation says.
 *
 * <ul>
 *   <li>From the annotations: per node and GPU, the live pods' {@code hami.io/vgpu-devices-allocated} entries
 *       (init containers at their peak, app containers summed, as the scheduler counts them) take at most the
 *       registered memory and cores and at most {@code count} slots; a container with all of a GPU's cores has it
 *       alone.</li>
 *   <li>From the containers: each {@code started/<podUID>_<container>.json} of a live pod (what {@code Allocate}
 *       answered) carries exactly its allocation entry in HAMi-core's variables (UUIDs, memory per device, cores);
 *       the memory limits of a GPU's live containers sum to at most its registered memory; every GPU container of
 *       a Running pod was started.</li>
 * </ul>
 */
public final class AllocationAudit {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The outcome: how many container allocations were compared, and every violation found. */
    public record Result(int allocationsChecked, List<String> violations) {
    }

    private AllocationAudit() {
    }

    /**
     * Audits {@code snapshot} against the live pods {@code pods} and the nodes' directories.
     *
     * @param nodeDirs each node's directory (holding {@code started/})
     */
    public static Result audit(ClusterSnapshot snapshot, List<Pod> pods, Map<String, Path> nodeDirs)
            throws IOException {
        var violations = new ArrayList<String>();
        var live = new HashMap<String, Pod>();
        pods.stream().filter(p -> !terminal(p)).forEach(p -> live.put(p.getMetadata().getUid(), p));
        checkAnnotations(snapshot, live, violations);
        int checked = 0;
        for (var e : nodeDirs.entrySet()) {
            checked += checkStarted(e.getKey(), e.getValue().resolve("started"), snapshot, live, violations);
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
                        allocation = allocation(p);
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
                if (cores > gpu.registeredCores()) {
                    violations.add(where + ": cores over-committed: " + cores + " of " + gpu.registeredCores());
                }
                if (slots > gpu.count()) {
                    violations.add(where + ": " + slots + " containers share it, more than its " + gpu.count()
                            + " slots");
                }
                if (exclusive && holders > 1) {
                    violations.add(where + ": held exclusively (all its cores) yet shared by " + holders + " pods");
                }
            }
        }
    }

    private static PodDevices allocation(Pod p) throws WireFormatException {
        String wire = p.getMetadata().getAnnotations() == null ? null
                : p.getMetadata().getAnnotations().get(ClusterSnapshot.ALLOCATED);
        return wire == null ? null : PodDevicesCodec.INSTANCE.decode(wire);
    }

    private static int checkStarted(String node, Path started, ClusterSnapshot snapshot, Map<String, Pod> live,
                                    List<String> violations) throws IOException {
        if (!Files.isDirectory(started)) {
            return 0;
        }
        int checked = 0;
        var limitByGpu = new HashMap<String, Long>();
        var startedContainers = new LinkedHashSet<String>();
        List<Path> files;
        try (Stream<Path> s = Files.list(started)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode json = MAPPER.readTree(UntrustedFiles.readBytes(f, StartedContainer.MAX_BYTES));
            String uid = json.path("uid").asString("");
            String container = json.path("container").asString("");
            Pod pod = live.get(uid);
            if (pod == null) {
                continue; // deleted since, or terminal: its devices are free again
            }
            startedContainers.add(uid + "/" + container);
            var env = new HashMap<String, String>();
            json.path("envs").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
            String where = node + " " + name(pod) + "/" + container;
            try {
                PodDevices allocation = allocation(pod);
                var entry = allocation == null ? OptionalInt.empty()
                        : KubePods.containers(pod).entryOf(allocation, container, ClusterSnapshot.GPU_RESOURCE);
                if (entry.isEmpty()) {
                    violations.add(where + ": started with devices but its pod has no allocation entry for it");
                    continue;
                }
                var expected = allocation.containers().get(entry.getAsInt()).devices();
                var limits = HamiCoreLimits.fromEnv(env);
                checked++;
                if (limits.isEmpty()) {
                    violations.add(where + ": Allocate gave no HAMi-core limits");
                    continue;
                }
                var got = limits.get();
                var uuids = expected.stream().map(ContainerDevice::uuid).distinct().toList();
                var memory = expected.stream().map(d -> (long) d.usedMem()).toList();
                if (!got.visibleUuids().equals(uuids) || !got.memoryMiB().subList(0, Math.min(memory.size(),
                        got.memoryMiB().size())).equals(memory) || got.smLimit().orElse(-1)
                        != expected.getFirst().usedCores()) {
                    violations.add(where + ": env " + got.visibleUuids() + " " + got.memoryMiB() + " "
                            + got.smLimit().orElse(-1) + " differs from the allocation " + expected);
                }
                for (int i = 0; i < expected.size(); i++) {
                    limitByGpu.merge(expected.get(i).uuid(), got.memoryMiB().get(i), Long::sum);
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
        for (Pod p : live.values()) {
            if (!node.equals(p.getSpec().getNodeName()) || p.getStatus() == null
                    || !"Running".equals(p.getStatus().getPhase())) {
                continue;
            }
            try {
                PodDevices allocation = allocation(p);
                if (allocation == null) {
                    continue;
                }
                var containers = KubePods.containers(p);
                for (int i = 0; i < allocation.containers().size(); i++) {
                    var owner = allocation.containers().get(i).isEmpty() ? Optional.<PodContainer>empty()
                            : containers.containerOf(allocation, i, ClusterSnapshot.GPU_RESOURCE);
                    if (owner.isPresent() && !startedContainers.contains(p.getMetadata().getUid() + "/" + owner.get().name())) {
                        violations.add(node + " " + name(p) + "/" + owner.get().name()
                                + ": Running, but its GPU container was never started");
                    }
                }
            } catch (WireFormatException e) {
                // reported by the annotation check
            }
        }
        return checked;
    }

    private static String name(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }
}
