package io.hami.demo.node;

import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * kubelet's bookkeeping of one resource's device IDs: the healthy ones from the plugin's latest ListAndWatch
 * update, and those handed to containers. Thread-safe.
 */
final class DeviceIds {
    private List<String> healthy = List.of();
    private final Set<String> inUse = new HashSet<>();

    /** Takes the device list of a ListAndWatch update. */
    synchronized void update(ListAndWatchResponse update) {
        healthy = update.getDevicesList().stream().filter(d -> "Healthy".equals(d.getHealth())).map(d -> d.getID()).toList();
    }

    /** The healthy IDs no container holds, in the plugin's order. */
    synchronized List<String> available() {
        var free = new ArrayList<String>();
        for (var id : healthy) {
            if (!inUse.contains(id)) {
                free.add(id);
            }
        }
        return free;
    }

    /**
     * Marks {@code ids} in use.
     *
     * @throws IllegalStateException when one of them is not available any more
     */
    synchronized void take(List<String> ids) {
        var free = new HashSet<>(available());
        if (!free.containsAll(ids)) {
            throw new IllegalStateException("devices no longer available: " + ids);
        }
        inUse.addAll(ids);
    }

    /** Frees {@code ids}. */
    synchronized void release(List<String> ids) {
        ids.forEach(inUse::remove);
    }

    /** The IDs held by containers now. */
    synchronized Set<String> inUse() {
        return Set.copyOf(inUse);
    }
}
