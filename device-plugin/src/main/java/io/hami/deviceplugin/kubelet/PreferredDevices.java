package io.hami.deviceplugin.kubelet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * kubelet's slot choice for one container, aligned with the scheduler's: the slots kubelet must include,
 * then one free slot of each GPU the scheduler chose (in its order), then any free slots up to the size.
 */
public final class PreferredDevices {

    private PreferredDevices() {
    }

    /**
     * @param available   the slot IDs kubelet may choose from
     * @param mustInclude the slot IDs kubelet will take anyway
     * @param size        how many slots kubelet takes
     * @param wanted      the UUIDs of the GPUs the scheduler chose for this container; may be empty
     */
    public static List<String> choose(List<String> available, List<String> mustInclude, int size, List<String> wanted) {
        var chosen = new LinkedHashSet<>(mustInclude);
        var covered = new HashMap<String, Integer>();
        chosen.forEach(id -> VirtualDevices.uuidOf(id).ifPresent(u -> covered.merge(u, 1, Integer::sum)));
        for (var uuid : wanted) {
            if (chosen.size() >= size) {
                break;
            }
            if (take(covered, uuid)) {
                continue;
            }
            available.stream()
                    .filter(id -> !chosen.contains(id) && VirtualDevices.uuidOf(id).filter(uuid::equals).isPresent())
                    .findFirst()
                    .ifPresent(chosen::add);
        }
        for (var id : available) {
            if (chosen.size() >= size) {
                break;
            }
            chosen.add(id);
        }
        return new ArrayList<>(chosen).subList(0, Math.min(size, chosen.size()));
    }

    private static boolean take(Map<String, Integer> covered, String uuid) {
        int n = covered.getOrDefault(uuid, 0);
        if (n == 0) {
            return false;
        }
        covered.put(uuid, n - 1);
        return true;
    }
}
