package io.hami.scheduler.usage;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Collapses one type's per-container allocation into what the pod holds of each device (HAMi's
 * {@code CollapseInitContainerUsage}; docs/scheduler.md, "Usage of scheduled pods"). Init containers run one after the
 * other, so per device they hold the largest of their amounts and one slot; app containers run together, so their
 * amounts add up and each takes a slot. Per device the pod holds the larger of the two; entries come sorted by UUID.
 * Sums saturate at {@link Integer#MAX_VALUE} rather than wrap.
 */
public final class UsageCollapse {

    private UsageCollapse() {
    }

    /**
     * The pod's per-device usage.
     *
     * @param allocation the type's allocation, entry {@code i} for container {@code i} (init containers first)
     * @param initCount  how many leading entries belong to init containers
     * @param appOnly    ignore the init containers (they have all completed)
     */
    public static List<DeviceUse> collapse(PodDevices allocation, int initCount, boolean appOnly) {
        var init = new TreeMap<String, int[]>();
        var app = new TreeMap<String, int[]>();
        List<ContainerDevices> containers = allocation.containers();
        for (int i = 0; i < containers.size(); i++) {
            boolean isInit = i < initCount;
            if (isInit && appOnly) {
                continue;
            }
            for (ContainerDevice d : containers.get(i).devices()) {
                int[] acc = (isInit ? init : app).computeIfAbsent(d.uuid(), k -> new int[3]);
                if (isInit) {
                    acc[0] = Math.max(acc[0], d.usedMem());
                    acc[1] = Math.max(acc[1], d.usedCores());
                    acc[2] = 1;
                } else {
                    acc[0] = add(acc[0], d.usedMem());
                    acc[1] = add(acc[1], d.usedCores());
                    acc[2] = add(acc[2], 1);
                }
            }
        }
        var uuids = new TreeMap<String, Boolean>();
        init.keySet().forEach(u -> uuids.put(u, true));
        app.keySet().forEach(u -> uuids.put(u, true));
        var result = new ArrayList<DeviceUse>(uuids.size());
        int[] none = new int[3];
        for (String uuid : uuids.keySet()) {
            int[] a = init.getOrDefault(uuid, none);
            int[] b = app.getOrDefault(uuid, none);
            result.add(new DeviceUse(uuid, Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.max(1, Math.max(a[2], b[2]))));
        }
        return List.copyOf(result);
    }

    private static int add(int a, int b) {
        long sum = (long) a + b;
        return sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
    }
}
