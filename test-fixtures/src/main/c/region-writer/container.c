/*
 * region-writer container FRACTION [--exit-with-parent]: a container's CUDA process as far as its region goes. It reads HAMi-core's
 * environment as libvgpu does (CUDA_DEVICE_MEMORY_SHARED_CACHE, CUDA_DEVICE_MEMORY_LIMIT_<i>, CUDA_DEVICE_SM_LIMIT,
 * NVIDIA_VISIBLE_DEVICES), creates or opens the region, registers itself, books FRACTION of each device's limit,
 * and then runs until SIGTERM or SIGINT, when it exits as a process does (its slot freed); with --exit-with-parent
 * also when the process that started it dies (a container process started straight from a node agent, which must
 * leave no orphans). Built static as well, so that it runs in a busybox container.
 */
#include "container.h"

#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "process.h"

/* libvgpu's limit syntax: <n>m / <n>M MiB, <n>g / <n>G GiB, else bytes. Returns -1 when unreadable. */
static long long limit_bytes(const char *text) {
    char *end;
    long long n = strtoll(text, &end, 10);
    if (end == text || n < 0) return -1;
    if (*end == 'm' || *end == 'M') return n << 20;
    if (*end == 'g' || *end == 'G') return n << 30;
    return *end == '\0' ? n : -1;
}

int container_run(const char *fraction_text, const char *option) {
    int with_parent = 0;
    if (option != NULL) {
        if (strcmp(option, "--exit-with-parent") != 0) {
            fprintf(stderr, "container: unknown option %s\n", option);
            return 2;
        }
        with_parent = 1;
    }
    char *end;
    double fraction = strtod(fraction_text, &end);
    if (*end != '\0' || !(fraction >= 0 && fraction <= 1)) {
        fprintf(stderr, "container: FRACTION must lie in 0..1: %s\n", fraction_text);
        return 2;
    }
    const char *path = getenv("CUDA_DEVICE_MEMORY_SHARED_CACHE");
    if (path == NULL || *path == '\0') {
        fprintf(stderr, "container: CUDA_DEVICE_MEMORY_SHARED_CACHE is not set\n");
        return 2;
    }
    region_settings settings = {.priority = 1};
    int devices = 0;
    for (; devices < HAMICORE_DEVICE_MAX; devices++) {
        char name[40];
        snprintf(name, sizeof name, "CUDA_DEVICE_MEMORY_LIMIT_%d", devices);
        const char *value = getenv(name);
        if (value == NULL) break;
        long long bytes = limit_bytes(value);
        if (bytes < 0) {
            fprintf(stderr, "container: %s is not a limit: %s\n", name, value);
            return 2;
        }
        settings.limit[devices] = (uint64_t)bytes;
    }
    if (devices == 0) {
        fprintf(stderr, "container: CUDA_DEVICE_MEMORY_LIMIT_0 is not set\n");
        return 2;
    }
    const char *sm = getenv("CUDA_DEVICE_SM_LIMIT");
    for (int i = 0; i < devices; i++) settings.sm_limit[i] = sm == NULL ? 0 : (uint64_t)strtoull(sm, NULL, 10);

    /* Block the stop signals before anything else: as PID 1 of its namespace, it gets none it does not wait for. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    sigprocmask(SIG_BLOCK, &stop, NULL);
    pid_t parent = getppid();
    if (with_parent && (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != parent)) {
        return 2; /* the parent is already gone */
    }

    region_view v = {.fd = -1};
    if (region_create(&v, path, LAYOUT_1_2, &settings) != 0) return 2;
    proc_devices(&v, devices);
    const char *visible = getenv("NVIDIA_VISIBLE_DEVICES");
    if (visible != NULL) {
        char *copy = strdup(visible), *save = NULL, *uuid = strtok_r(copy, ",", &save);
        for (int i = 0; i < devices && uuid != NULL; i++) {
            if (proc_device_uuid(&v, i, uuid) != 0) break;
            char *next = strtok_r(NULL, ",", &save);
            if (next != NULL) uuid = next; /* de-duplicated UUIDs: later devices keep the last one */
        }
        free(copy);
    }
    int32_t pid = (int32_t)getpid();
    if (proc_register(&v, pid, 0) != 0) {
        region_close(&v);
        return 2;
    }
    for (int i = 0; i < devices; i++) {
        long long used = (long long)((double)settings.limit[i] * fraction);
        if (used > 0 && proc_account(&v, pid, i, used, CLASS_DATA) != 0) {
            fprintf(stderr, "container: cannot book %lld bytes on device %d\n", used, i);
        }
    }
    printf("running: pid %d, %d device(s), region %s\n", pid, devices, path);
    fflush(stdout);
    int signal = 0;
    sigwait(&stop, &signal);
    proc_exit(&v, pid);
    region_close(&v);
    return 0;
}
