package io.hami.deviceplugin.devices;

import java.util.List;
import java.util.Set;

/**
 * Devices an operator keeps away from HAMi on this node (HAMi's per-node {@code filterdevices}): named by
 * UUID or by index, they are neither registered nor offered to kubelet.
 *
 * @param uuids   device UUIDs to leave out
 * @param indexes device indexes to leave out
 */
public record DeviceFilter(Set<String> uuids, Set<Integer> indexes) {

    /** Leaves nothing out. */
    public static final DeviceFilter NONE = new DeviceFilter(Set.of(), Set.of());

    public DeviceFilter {
        uuids = Set.copyOf(uuids);
        indexes = Set.copyOf(indexes);
    }

    /**
     * A filter from operator tokens: a token of digits is an index, anything else a UUID.
     *
     * @throws IllegalArgumentException for an empty token
     */
    public static DeviceFilter parse(List<String> tokens) {
        var uuids = new java.util.HashSet<String>();
        var indexes = new java.util.HashSet<Integer>();
        for (var raw : tokens) {
            var token = raw.strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("excluded device: empty entry");
            }
            if (token.chars().allMatch(Character::isDigit) && token.length() <= 6) {
                indexes.add(Integer.parseInt(token));
            } else {
                uuids.add(token);
            }
        }
        return new DeviceFilter(uuids, indexes);
    }

    /** Whether the device stays with HAMi. */
    public boolean keeps(PhysicalDevice device) {
        return !uuids.contains(device.uuid()) && !indexes.contains(device.index());
    }

    /** The devices that stay, in order. */
    public List<PhysicalDevice> apply(List<PhysicalDevice> devices) {
        return devices.stream().filter(this::keeps).toList();
    }
}
