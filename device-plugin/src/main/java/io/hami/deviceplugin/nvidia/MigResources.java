package io.hami.deviceplugin.nvidia;

import io.hami.deviceplugin.kubelet.WholeDeviceResource;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.DeviceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The resources of NVIDIA's static MIG strategies, as NVIDIA's plugin names them: under {@code single} the count
 * resource ({@code nvidia.com/gpu}) counts MIG devices, under {@code mixed} each profile is
 * {@code <domain>/mig-<profile>} ({@code nvidia.com/mig-1g.5gb}). {@code Allocate} names the MIG devices in
 * {@code NVIDIA_VISIBLE_DEVICES} and passes their device nodes; HAMi-core's environment is not given.
 */
public final class MigResources {

    private MigResources() {
    }

    /**
     * One GPU as the strategies see it.
     *
     * @param index       NVML index
     * @param migEnabled  whether the GPU is in MIG mode now
     * @param units       its MIG devices
     */
    public record Gpu(int index, boolean migEnabled, List<MigUnit> units) {
        public Gpu {
            units = List.copyOf(units);
        }
    }

    /**
     * The MIG devices per resource name, resources in name order.
     *
     * @param countResource the vendor's count resource, e.g. {@code nvidia.com/gpu}
     * @throws IllegalArgumentException under {@code single}, when only some GPUs are in MIG mode or the MIG devices
     *                                  are of more than one profile (NVIDIA's single strategy allows neither)
     */
    public static Map<String, List<MigUnit>> plan(MigStrategy strategy, String countResource, List<Gpu> gpus) {
        var inMig = gpus.stream().filter(Gpu::migEnabled).toList();
        if (strategy == MigStrategy.NONE || inMig.isEmpty()) {
            return Map.of();
        }
        var units = inMig.stream().flatMap(g -> g.units().stream()).toList();
        if (strategy == MigStrategy.SINGLE) {
            if (inMig.size() != gpus.size()) {
                throw new IllegalArgumentException("mig-strategy single: GPU(s) " + indices(inMig) + " are in MIG mode and "
                        + indices(gpus.stream().filter(g -> !g.migEnabled()).toList())
                        + " are not; single needs every GPU in MIG mode (or use mixed)");
            }
            var profiles = units.stream().map(u -> u.device().profile()).collect(Collectors.toCollection(LinkedHashSet::new));
            if (profiles.size() > 1) {
                throw new IllegalArgumentException("mig-strategy single: the MIG devices are of profiles " + profiles
                        + "; single needs one profile (or use mixed)");
            }
            return units.isEmpty() ? Map.of() : Map.of(countResource, units);
        }
        String prefix = countResource.substring(0, countResource.indexOf('/') + 1) + "mig-";
        var out = new TreeMap<String, List<MigUnit>>();
        for (var u : units) {
            out.computeIfAbsent(prefix + u.device().profile(), k -> new ArrayList<>()).add(u);
        }
        return out;
    }

    private static List<Integer> indices(List<Gpu> gpus) {
        return gpus.stream().map(Gpu::index).toList();
    }

    /** The kubelet resources of a plan: device IDs are the MIG devices' UUIDs. */
    public static List<WholeDeviceResource> resources(Map<String, List<MigUnit>> plan, String countResource) {
        var out = new ArrayList<WholeDeviceResource>();
        plan.forEach((name, units) -> {
            var byUuid = new LinkedHashMap<String, MigUnit>();
            units.forEach(u -> byUuid.put(u.uuid(), u));
            String suffix = name.equals(countResource) ? "mig" : name.substring(name.indexOf('/') + 1).replace('.', '-');
            out.add(new WholeDeviceResource(name, suffix, List.copyOf(byUuid.keySet()),
                    ids -> response(ids.stream().map(byUuid::get).toList())));
        });
        return out;
    }

    /** What a container gets for its MIG devices. */
    static ContainerAllocateResponse response(List<MigUnit> units) {
        var nodes = new LinkedHashSet<String>();
        units.forEach(u -> nodes.addAll(u.deviceNodes()));
        var out = ContainerAllocateResponse.newBuilder().putEnvs(DeviceListing.VISIBLE_DEVICES,
                units.stream().map(MigUnit::uuid).collect(Collectors.joining(",")));
        for (var node : nodes) {
            out.addDevices(DeviceSpec.newBuilder().setContainerPath(node).setHostPath(node).setPermissions("rw"));
        }
        return out.build();
    }
}
