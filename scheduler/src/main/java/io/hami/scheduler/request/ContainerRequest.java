package io.hami.scheduler.request;

import io.hami.scheduler.vendor.DeviceType;
import java.util.Objects;

/**
 * What one container asks of one device type (HAMi's {@code ContainerDeviceRequest}), already in MiB and in the
 * type's core unit.
 *
 * <p>Memory is either absolute ({@code memory > 0}) or a percentage of each device's memory ({@code memory == 0} and
 * {@code memoryPercent} in 0..100); {@link #NO_PERCENT} (101, HAMi's sentinel) means "no percentage". A request that
 * names neither books the whole device: it carries {@code memoryPercent == 100}.
 *
 * @param type          the device type
 * @param count         distinct devices the container needs, at least 1
 * @param memory        MiB per device, 0 when given as a percentage
 * @param memoryPercent percent of each device's memory, or {@link #NO_PERCENT}
 * @param cores         compute per device in the type's unit (percent for NVIDIA); 100 on a 100-core device is exclusive
 */
public record ContainerRequest(DeviceType type, int count, int memory, int memoryPercent, int cores) {

    /** HAMi's "no percentage" value of {@code MemPercentagereq}. */
    public static final int NO_PERCENT = 101;

    public ContainerRequest {
        Objects.requireNonNull(type, "type");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (memory < 0) {
            throw new IllegalArgumentException("memory must not be negative: " + memory);
        }
        if (memoryPercent < 0 || memoryPercent > NO_PERCENT) {
            throw new IllegalArgumentException("memoryPercent must lie in 0..101: " + memoryPercent);
        }
        if (cores < 0) {
            throw new IllegalArgumentException("cores must not be negative: " + cores);
        }
    }

    /**
     * The MiB this request books on a device with {@code totalMem} MiB: the absolute amount, else the percentage of the
     * device (Go's {@code int32} arithmetic), else 0.
     */
    public int memoryOn(int totalMem) {
        if (memory > 0) {
            return memory;
        }
        if (memoryPercent != NO_PERCENT) {
            return (int) ((long) totalMem * memoryPercent / 100);
        }
        return 0;
    }
}
