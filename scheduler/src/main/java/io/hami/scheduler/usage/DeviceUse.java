package io.hami.scheduler.usage;

import java.util.Objects;

/**
 * What one pod holds of one device after collapsing its containers (docs/scheduler.md, "Usage of scheduled pods").
 *
 * @param uuid  the device
 * @param mem   MiB
 * @param cores compute in the type's unit
 * @param slots time-slicing slots, at least 1
 */
public record DeviceUse(String uuid, int mem, int cores, int slots) {

    public DeviceUse {
        Objects.requireNonNull(uuid, "uuid");
        if (mem < 0 || cores < 0 || slots < 1) {
            throw new IllegalArgumentException("mem and cores must not be negative and slots positive: " + mem + ", "
                    + cores + ", " + slots);
        }
    }
}
