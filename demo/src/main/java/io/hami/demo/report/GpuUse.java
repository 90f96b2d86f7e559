package io.hami.demo.report;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import java.util.List;

/**
 * What one pod takes of one GPU, counted as the scheduler counts a scheduled pod
 * (docs/scheduler.md, "Usage of scheduled pods"): the init containers (the first {@code initContainers} entries of the
 * allocation) at their peak, the app containers summed, the pod taking the larger of the two.
 *
 * @param memoryMiB   memory
 * @param cores       cores (percent)
 * @param containers  how many of its containers hold the GPU (the slots it takes)
 * @param exclusive   whether a container holds all of the GPU's cores
 */
public record GpuUse(long memoryMiB, int cores, int containers, boolean exclusive) {

    /** Nothing. */
    public static final GpuUse NONE = new GpuUse(0, 0, 0, false);

    /** The use of GPU {@code uuid} by a pod with {@code initContainers} init containers and this allocation. */
    public static GpuUse of(PodDevices allocation, int initContainers, String uuid, int coresPerGpu) {
        GpuUse init = NONE;
        GpuUse apps = NONE;
        List<ContainerDevices> containers = allocation.containers();
        for (int i = 0; i < containers.size(); i++) {
            GpuUse one = NONE;
            for (ContainerDevice d : containers.get(i).devices()) {
                if (d.uuid().equals(uuid)) {
                    one = one.plus(new GpuUse(d.usedMem(), d.usedCores(), 1, d.usedCores() >= coresPerGpu));
                }
            }
            if (i < initContainers) {
                init = init.max(one);
            } else {
                apps = apps.plus(one);
            }
        }
        return init.max(apps);
    }

    GpuUse plus(GpuUse o) {
        return new GpuUse(memoryMiB + o.memoryMiB, cores + o.cores, containers + o.containers, exclusive || o.exclusive);
    }

    GpuUse max(GpuUse o) {
        return new GpuUse(Math.max(memoryMiB, o.memoryMiB), Math.max(cores, o.cores),
                Math.max(containers, o.containers), exclusive || o.exclusive);
    }

    /** Whether the pod holds the GPU at all. */
    public boolean holds() {
        return containers > 0;
    }
}
