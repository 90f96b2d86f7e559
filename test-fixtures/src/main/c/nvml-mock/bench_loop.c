/*
 * The C side of the NVML call benchmark: calls nvmlDeviceGetMemoryInfo_v2 through the dynamic
 * linker, exactly as a C client of libnvidia-ml would, so the JMH benchmark can compare one call
 * through our FFM binding with one call from C.
 */
#include "hami/nvml.h"

/* Calls nvmlDeviceGetMemoryInfo_v2 `calls` times; returns the sum of `free` (so no call can be
 * skipped), or ~0 when a call fails. */
__attribute__((visibility("default")))
unsigned long long hami_nvml_bench_memory_v2(nvmlDevice_t device, unsigned long long calls) {
    unsigned long long sum = 0;
    nvmlMemory_v2_t memory;
    for (unsigned long long i = 0; i < calls; i++) {
        memory.version = nvmlMemory_v2;
        if (nvmlDeviceGetMemoryInfo_v2(device, &memory) != NVML_SUCCESS) {
            return ~0ULL;
        }
        sum += memory.free;
    }
    return sum;
}
