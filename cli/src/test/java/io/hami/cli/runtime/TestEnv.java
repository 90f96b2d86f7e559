package io.hami.cli.runtime;

import java.util.List;

/** Container environments as HAMi's {@code Allocate} writes them. */
final class TestEnv {
    private TestEnv() {
    }

    /** One GPU with a memory limit in MiB and a core limit in percent. */
    static List<String> allocation(String uuid, int memMiB, int cores) {
        return List.of("NVIDIA_VISIBLE_DEVICES=" + uuid, "CUDA_DEVICE_MEMORY_LIMIT_0=" + memMiB + "m", "CUDA_DEVICE_SM_LIMIT=" + cores);
    }
}
