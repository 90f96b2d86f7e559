package io.hami.demo.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The driver's MIG capability files of a simulated node, which the device plugin reads to name a MIG device's
 * {@code /dev/nvidia-caps/nvidia-cap<N>} nodes: {@code <proc>/driver/nvidia/capabilities/gpu<g>/mig/gi<i>/access} and
 * {@code .../gi<i>/ci<c>/access}, each saying {@code DeviceFileMinor: N}. The simulated driver numbers every GPU
 * instance and compute instance a GPU can have up front, as the real one does, with minors unique on the node.
 */
public final class MigCapabilityFiles {

    /** The GPUs per node given files: more than any demo machine has. */
    static final int GPUS = 8;
    /** GPU instance ids the driver may hand out on one GPU (an A100 or H100 has at most 7 at a time, ids up to 14). */
    static final int GPU_INSTANCES = 15;
    /** Compute instance ids within one GPU instance. */
    static final int COMPUTE_INSTANCES = 8;

    private MigCapabilityFiles() {
    }

    /** Writes the files under {@code procRoot} (made when missing) and returns it. */
    public static Path write(Path procRoot) throws IOException {
        for (int gpu = 0; gpu < GPUS; gpu++) {
            for (int gi = 0; gi < GPU_INSTANCES; gi++) {
                var giDir = Files.createDirectories(
                        procRoot.resolve("driver/nvidia/capabilities/gpu" + gpu + "/mig/gi" + gi));
                int giMinor = giMinor(gpu, gi);
                Files.writeString(giDir.resolve("access"), "DeviceFileMinor: " + giMinor + "\nMode: 0444\n");
                for (int ci = 0; ci < COMPUTE_INSTANCES; ci++) {
                    var ciDir = Files.createDirectories(giDir.resolve("ci" + ci));
                    Files.writeString(ciDir.resolve("access"), "DeviceFileMinor: " + (giMinor + 1 + ci) + "\nMode: 0444\n");
                }
            }
        }
        return procRoot;
    }

    /** The GPU instance's minor; its compute instances take the next {@link #COMPUTE_INSTANCES}. */
    static int giMinor(int gpu, int gi) {
        return 1 + gpu * GPU_INSTANCES * (COMPUTE_INSTANCES + 1) + gi * (COMPUTE_INSTANCES + 1);
    }
}
