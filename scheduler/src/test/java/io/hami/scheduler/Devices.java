package io.hami.scheduler;

import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.NodeInventory;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Node snapshots built directly from device specs and usage, for policy and score tests. */
public final class Devices {

    public static final DeviceTypes TYPES = DeviceTypes.defaults();
    public static final DeviceType NVIDIA = TYPES.byId("nvidia").orElseThrow();

    private Devices() {
    }

    /** A healthy NVIDIA GPU. */
    public static DeviceSpec spec(String id, int index, int count, int mem, int cores, int numa) {
        return new DeviceSpec(NVIDIA, id, index, count, mem, cores, "NVIDIA", numa, "hami-core", true, List.of(), null,
                "");
    }

    /** A node whose devices hold the given usage: per device {@code {used slots, mem, cores}}. */
    public static NodeSnapshot node(List<DeviceSpec> devices, int[]... usage) {
        var pods = new ArrayList<PodUsage>();
        for (int i = 0; i < usage.length; i++) {
            int[] u = usage[i];
            for (int slot = 0; slot < u[0]; slot++) {
                int mem = slot == 0 ? u[1] : 0;
                int cores = slot == 0 ? u[2] : 0;
                pods.add(new PodUsage("u" + i + "-" + slot, "default", "p", "n",
                        Map.of("nvidia", List.of(new DeviceUse(devices.get(i).id(), mem, cores, 1))), false));
            }
            if (u[0] == 0 && (u[1] != 0 || u[2] != 0)) {
                throw new IllegalArgumentException("usage without a slot");
            }
        }
        return NodeSnapshot.of(new NodeInventory("n", devices, Map.of(), Set.of(), Map.of(), false), TYPES.size(), pods);
    }
}
