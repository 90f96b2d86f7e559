package io.hami.scheduler.usage;

import io.hami.model.device.MigAllocation;
import io.hami.model.protocol.MetaxAppClass;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one scheduled pod holds, per device type, as the usage accounting sees it: read from its
 * {@code *-devices-allocated} annotations by {@link PodUsageReader}, or made by the filter as a reservation.
 *
 * @param uid       the pod's UID
 * @param namespace its namespace (quotas are per namespace)
 * @param name      its name
 * @param node      the node it was assigned to ({@code hami.io/vgpu-node})
 * @param devices   per device type id, the collapsed per-device usage
 * @param appOnly   whether its init containers have completed and no longer count
 * @param metaxQos  the QoS policy its shared MetaX sGPUs impose on their cards ({@code metax-tech.com/sgpu-qos-policy});
 *                  empty for a pod that names none, an {@code online} pod (HAMi tracks neither) and pods without sGPUs
 * @param metaxClass the application class of a pod holding MetaX sGPUs ({@code metax-tech.com/sgpu-app-class}); empty
 *                  for a pod of no class and pods without sGPUs
 * @param mig       its MIG reservations ({@code hami.io/vgpu-mig-allocations}), in the annotation's order; empty for a
 *                  pod without MIG instances and for one whose annotation is unreadable
 * @param migProblem why its MIG reservations could not be read, naming the annotation; empty when they could
 */
public record PodUsage(String uid, String namespace, String name, String node, Map<String, List<DeviceUse>> devices,
                       boolean appOnly, String metaxQos, Optional<MetaxAppClass> metaxClass,
                       List<MigAllocation> mig, String migProblem) {

    public PodUsage {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        devices = devices.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> List.copyOf(e.getValue())));
        Objects.requireNonNull(metaxQos, "metaxQos");
        Objects.requireNonNull(metaxClass, "metaxClass");
        mig = List.copyOf(mig);
        Objects.requireNonNull(migProblem, "migProblem");
    }

    /** A pod without MIG reservations. */
    public PodUsage(String uid, String namespace, String name, String node, Map<String, List<DeviceUse>> devices,
                    boolean appOnly, String metaxQos, Optional<MetaxAppClass> metaxClass) {
        this(uid, namespace, name, node, devices, appOnly, metaxQos, metaxClass, List.of(), "");
    }

    /** A pod of no MetaX application class. */
    public PodUsage(String uid, String namespace, String name, String node, Map<String, List<DeviceUse>> devices,
                    boolean appOnly, String metaxQos) {
        this(uid, namespace, name, node, devices, appOnly, metaxQos, Optional.empty());
    }

    /** A pod that imposes no MetaX QoS policy. */
    public PodUsage(String uid, String namespace, String name, String node, Map<String, List<DeviceUse>> devices,
                    boolean appOnly) {
        this(uid, namespace, name, node, devices, appOnly, "");
    }

    /** Total MiB held of one type (what namespace quotas count). */
    public long memory(String typeId) {
        return devices.getOrDefault(typeId, List.of()).stream().mapToLong(DeviceUse::mem).sum();
    }

    /** Total cores held of one type. */
    public long cores(String typeId) {
        return devices.getOrDefault(typeId, List.of()).stream().mapToLong(DeviceUse::cores).sum();
    }
}
