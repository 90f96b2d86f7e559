/*
 * nvml-bench: times nvmlDeviceGetMemoryInfo_v2 on device 0 of the mock from a C loop and prints the
 * cost of one call. Usage: NVML_MOCK_PROFILE=<profile.json> nvml-bench [calls]
 */
#include "hami/nvml.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

unsigned long long hami_nvml_bench_memory_v2(nvmlDevice_t device, unsigned long long calls);

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv) {
    unsigned long long calls = argc > 1 ? strtoull(argv[1], NULL, 10) : 20000000ULL;
    nvmlDevice_t device;
    nvmlReturn_t rc = nvmlInit_v2();
    if (rc == NVML_SUCCESS) {
        rc = nvmlDeviceGetHandleByIndex_v2(0, &device);
    }
    if (rc != NVML_SUCCESS || calls == 0) {
        fprintf(stderr, "nvml-bench: setup failed: %d (calls %llu)\n", rc, calls);
        return 1;
    }
    hami_nvml_bench_memory_v2(device, calls / 10); /* warm up */
    double best = 0;
    for (int round = 0; round < 5; round++) {
        double start = now_ns();
        if (hami_nvml_bench_memory_v2(device, calls) == ~0ULL) {
            fprintf(stderr, "nvml-bench: nvmlDeviceGetMemoryInfo_v2 failed\n");
            return 1;
        }
        double per_call = (now_ns() - start) / (double)calls;
        best = round == 0 || per_call < best ? per_call : best;
    }
    printf("nvmlDeviceGetMemoryInfo_v2 from C: %.2f ns/call (best of 5 rounds of %llu calls)\n", best, calls);
    nvmlShutdown();
    return 0;
}
