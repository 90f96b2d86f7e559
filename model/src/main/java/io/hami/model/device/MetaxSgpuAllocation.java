package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of {@code metax-tech.com/gpu-devices-allocated}: per allocation entry (one per container, init containers
 * first, as in {@link PodDevices}) the sGPUs it gets, empty for a container without. Its canonical JSON is an array of
 * arrays.
 *
 * @param containers per container, its sGPUs
 */
public record MetaxSgpuAllocation(List<List<MetaxSgpuShare>> containers) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MetaxSgpuAllocation {
        var copy = new ArrayList<List<MetaxSgpuShare>>();
        for (List<MetaxSgpuShare> c : Checks.copy(containers, "containers")) {
            copy.add(Checks.copy(c, "containers[" + copy.size() + "]"));
        }
        containers = List.copyOf(copy);
    }

    @Override
    @JsonValue
    public List<List<MetaxSgpuShare>> containers() {
        return containers;
    }

    /**
     * What HAMi v2.10's scheduler writes for an sGPU allocation ({@code convertHAMIPodDeviceToMetaxPodDevice},
     * {@code pkg/device/metax/protocol.go}): entry for entry, each device's UUID, cores as compute and MiB as vRam.
     */
    public static MetaxSgpuAllocation of(PodDevices allocation) {
        var containers = new ArrayList<List<MetaxSgpuShare>>();
        for (ContainerDevices c : allocation.containers()) {
            var shares = new ArrayList<MetaxSgpuShare>();
            for (ContainerDevice d : c.devices()) {
                shares.add(new MetaxSgpuShare(d.uuid(), d.usedCores(), d.usedMem()));
            }
            containers.add(shares);
        }
        return new MetaxSgpuAllocation(containers);
    }
}
