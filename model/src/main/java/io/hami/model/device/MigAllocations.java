package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashSet;
import java.util.List;

/**
 * The value of {@code hami.io/vgpu-mig-allocations}: every MIG reservation of a pod, in the scheduler's order
 * (container by container, device by device). Its canonical JSON is a bare array. No two entries share a
 * ({@code containerIndex}, {@code deviceIndex}) pair. It may be empty (HAMi then leaves the annotation out).
 *
 * @param allocations the reservations
 */
public record MigAllocations(List<MigAllocation> allocations) {

    /** No reservations. */
    public static final MigAllocations EMPTY = new MigAllocations(List.of());

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MigAllocations {
        allocations = Checks.copy(allocations, "allocations");
        var seen = new HashSet<Long>();
        for (int i = 0; i < allocations.size(); i++) {
            var a = allocations.get(i);
            if (!seen.add(((long) a.containerIndex() << 32) | a.deviceIndex())) {
                throw new IllegalArgumentException(String.format(
                        "allocations[%d] duplicates container %d device %d", i, a.containerIndex(), a.deviceIndex()));
            }
        }
    }

    @Override
    @JsonValue
    public List<MigAllocation> allocations() {
        return allocations;
    }
}
