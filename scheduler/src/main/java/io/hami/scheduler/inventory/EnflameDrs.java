package io.hami.scheduler.inventory;

import io.hami.model.device.EnflameDrsCapacity;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Enflame DRS cards as the scheduler sees them (HAMi: {@code GetNodeDevices} in {@code pkg/device/enflame/device.go}):
 * per registered card, one device {@code <node>-enflame-drs-<index>} with one slot per slice of its capacity, the
 * largest profile's memory (GiB × 1024 MiB) and 100 cores; each carries the card's minor and the node's profiles, from
 * which a request is resolved to a partition at fit.
 */
public final class EnflameDrs {

    /** The custom key of a device's minor. */
    public static final String MINOR = "minor";
    /** The custom keys of the node's profiles: this prefix and the profile name, to the profile's id. */
    public static final String PROFILE = "profile:";

    private EnflameDrs() {
    }

    /** The devices of node {@code node}'s cards. */
    public static List<DeviceSpec> devices(DeviceType type, String node, EnflameDrsCapacity capacity) {
        int mem = capacity.maxMemoryGiB() > Integer.MAX_VALUE / 1024 ? Integer.MAX_VALUE : capacity.maxMemoryGiB() * 1024;
        var devices = new ArrayList<DeviceSpec>(capacity.devices().size());
        for (EnflameDrsCapacity.Card card : capacity.devices()) {
            Map<String, String> custom = new HashMap<>();
            custom.put(MINOR, card.minor());
            capacity.profiles().forEach((name, id) -> custom.put(PROFILE + name, id));
            devices.add(new DeviceSpec(type, node + "-enflame-drs-" + card.index(), card.index(), card.capacity(), mem,
                    100, type.commonWord(), 0, "", true, List.of(), null, "", custom));
        }
        return devices;
    }

    /** The profiles of a device that read as slices and GiB, smallest first (slices, then memory), as HAMi sorts them. */
    public static List<EnflameDrsCapacity.Profile> parsedProfiles(DeviceSpec device) {
        return profiles(device).entrySet().stream().map(e -> EnflameDrsCapacity.parse(e.getKey(), e.getValue()))
                .filter(p -> p.slices() > 0 && p.memoryGiB() > 0)
                .sorted(java.util.Comparator.comparingInt(EnflameDrsCapacity.Profile::slices)
                        .thenComparingInt(EnflameDrsCapacity.Profile::memoryGiB))
                .toList();
    }

    /** A profile's share of the card's cores, percent: {@code ⌈slices × 100 / whole card's slices⌉}. */
    public static int corePercent(EnflameDrsCapacity.Profile p, int maxSlices) {
        return (int) Math.ceil(p.slices() * 100.0 / maxSlices);
    }

    /** The profile a partition of {@code mem} MiB and {@code cores} percent on {@code device} stands for, or null. */
    public static EnflameDrsCapacity.Profile profileOf(DeviceSpec device, int mem, int cores) {
        var profiles = parsedProfiles(device);
        int maxSlices = profiles.stream().mapToInt(EnflameDrsCapacity.Profile::slices).max().orElse(0);
        return profiles.stream().filter(p -> (long) p.memoryGiB() * 1024 == mem && corePercent(p, maxSlices) == cores)
                .findFirst().orElse(null);
    }

    /** The profiles of a device, as the node registered them: name to id. */
    public static Map<String, String> profiles(DeviceSpec device) {
        var out = new HashMap<String, String>();
        device.custom().forEach((k, v) -> {
            if (k.startsWith(PROFILE)) {
                out.put(k.substring(PROFILE.length()), v);
            }
        });
        return out;
    }
}
