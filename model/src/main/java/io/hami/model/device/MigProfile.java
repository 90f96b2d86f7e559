package io.hami.model.device;

import java.util.List;

/**
 * One MIG profile a GPU in {@code mode: mig} offers, with every placement the hardware allows for it: an entry of
 * {@code migProfiles} in {@code hami.io/node-nvidia-register}, e.g.
 * {@code {"name":"1g.5gb","memoryMB":4864,"core":15,"sliceCount":1,"placements":[{"start":6,"size":1}]}}.
 *
 * @param name       profile name as NVIDIA spells it, e.g. {@code 1g.5gb}
 * @param memoryMB   memory of one instance in MiB (Go {@code int32})
 * @param core       percent of the GPU's SMs, rounded up (Go {@code int32})
 * @param sliceCount memory slices one instance takes (Go {@code uint32})
 * @param placements the possible placements, in the order the device plugin lists them
 */
public record MigProfile(String name, int memoryMB, int core, long sliceCount, List<MigPlacement> placements) {

    public MigProfile {
        Checks.text(name, "name");
        Checks.uint32(sliceCount, "sliceCount");
        placements = Checks.copy(placements, "placements");
    }
}
