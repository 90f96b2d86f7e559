package io.hami.scheduler.extender;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.scheduler.filter.FilterResult;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.usage.PodUsageReader;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The annotations that say what a pod was given: {@code hami.io/vgpu-node}, {@code hami.io/vgpu-time} and each type's
 * {@code *-devices-allocated} (never {@code *-devices-to-allocate}, which the device plugin consumes).
 */
final class Allocation {

    private Allocation() {
    }

    /** The keys of these annotations for a catalog of types. */
    static Set<String> keys(DeviceTypes types) {
        var keys = new HashSet<String>();
        keys.add(HamiAnnotations.VGPU_NODE);
        keys.add(HamiAnnotations.VGPU_TIME);
        for (DeviceType t : types.all()) {
            keys.add(t.descriptor().annotations().devicesAllocated());
        }
        return keys;
    }

    /** The pod's values of these annotations; empty when it was never assigned a node. */
    static Map<String, String> of(Pod pod, DeviceTypes types) {
        Map<String, String> annotations = KubeObjects.annotations(pod);
        if (!annotations.containsKey(HamiAnnotations.VGPU_NODE)) {
            return Map.of();
        }
        var result = new HashMap<String, String>();
        for (String k : keys(types)) {
            String v = annotations.get(k);
            if (v != null) {
                result.put(k, v);
            }
        }
        return result;
    }
}
