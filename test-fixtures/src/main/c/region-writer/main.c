/*
 * region-writer: creates HAMi-core region files and acts on them as HAMi-core's processes do, so that Java
 * tests can read what C wrote. Every call is one short-lived "process" with a simulated pid.
 *
 *   region-writer create FILE v0|1.1|1.2 [--limit D=BYTES]... [--sm-limit D=PCT]... [--priority P]
 *                                        [--devices N] [--uuid D=UUID]... [--uninitialized]
 *   region-writer devices FILE N                          libvgpu's NVML init: device_num, uuids
 *   region-writer register FILE PID [HOSTPID]             a process starts (compacts exited slots)
 *   region-writer alloc|free FILE PID DEVICE BYTES [context|module|data]
 *   region-writer exit FILE PID                           a normal exit (a crash needs no command)
 *   region-writer status FILE PID STATUS                  suspend (2) or resume (1)
 *   region-writer watch FILE HOSTPID DEVICE MONITORUSED SMUTIL
 *   region-writer kernel FILE UNIX_SECONDS                a kernel launch
 *   region-writer set FILE FIELD VALUE                    any header field, or seqlock.SLOT: hostile files
 *   region-writer get FILE FIELD                          prints a header field as libvgpu loads it
 *   region-writer hammer FILE PID MILLIS GAP_US           seqlock-bracketed updates; prints the count
 *   region-writer container FRACTION [--exit-with-parent] a container's process, from HAMi-core's environment,
 *                                                         booking FRACTION of each limit until SIGTERM
 *
 * Exit status: 0 done, 1 an allocation refused by the memory limit, 2 an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "process.h"

static int usage(void) {
    fprintf(stderr, "usage: region-writer create|devices|register|alloc|free|exit|status|watch|kernel|set|get|hammer FILE ... | container FRACTION [--exit-with-parent]\n");
    return 2;
}

static long long number(const char *text) {
    char *end;
    long long value = strtoll(text, &end, 0);
    if (*text == '\0' || *end != '\0') {
        fprintf(stderr, "not a number: %s\n", text);
        exit(2);
    }
    return value;
}

static int per_device(const char *text, uint64_t *values) {
    const char *eq = strchr(text, '=');
    if (eq == NULL) return -1;
    char index[8] = {0};
    if ((size_t)(eq - text) >= sizeof index) return -1;
    memcpy(index, text, (size_t)(eq - text));
    long long d = number(index);
    if (d < 0 || d >= HAMICORE_DEVICE_MAX) return -1;
    values[d] = (uint64_t)number(eq + 1);
    return 0;
}

/* D=UUID: the uuid of device D, kept as a pointer into argv. */
static int uuid_of(const char *text, const char **uuids) {
    const char *eq = strchr(text, '=');
    if (eq == NULL || eq == text || (size_t)(eq - text) >= 8) return -1;
    char index[8] = {0};
    memcpy(index, text, (size_t)(eq - text));
    long long d = number(index);
    if (d < 0 || d >= HAMICORE_DEVICE_MAX) return -1;
    uuids[d] = eq + 1;
    return 0;
}

static int create(const char *path, int argc, char **argv) {
    enum layout layout;
    region_settings settings = {.priority = 1};
    int initialize = 1, devices = 0;
    const char *uuids[HAMICORE_DEVICE_MAX] = {0};
    if (argc < 1 || layout_parse(argv[0], &layout) != 0) return usage();
    for (int i = 1; i < argc; i++) {
        int has_value = i + 1 < argc;
        if (strcmp(argv[i], "--uninitialized") == 0) initialize = 0;
        else if (strcmp(argv[i], "--limit") == 0 && has_value) { if (per_device(argv[++i], settings.limit)) return usage(); }
        else if (strcmp(argv[i], "--sm-limit") == 0 && has_value) { if (per_device(argv[++i], settings.sm_limit)) return usage(); }
        else if (strcmp(argv[i], "--priority") == 0 && has_value) settings.priority = (int32_t)number(argv[++i]);
        else if (strcmp(argv[i], "--devices") == 0 && has_value) devices = (int)number(argv[++i]);
        else if (strcmp(argv[i], "--uuid") == 0 && has_value) { if (uuid_of(argv[++i], uuids)) return usage(); }
        else return usage();
    }
    region_view v = {.fd = -1};
    if (region_create(&v, path, layout, initialize ? &settings : NULL) != 0) return 2;
    if (devices > 0) proc_devices(&v, devices);
    int status = 0;
    for (int d = 0; d < HAMICORE_DEVICE_MAX; d++) {
        if (uuids[d] != NULL && proc_device_uuid(&v, d, uuids[d]) != 0) status = 2;
    }
    region_close(&v);
    return status;
}

/* Sets (get == 0) or prints (get == 1) one field. */
static int field(region_view *v, const char *name, long long value, int get) {
    static const char *const ints[] = {"initialized_flag", "major_version", "minor_version"};
    for (int i = 0; i < 3; i++) {
        if (strcmp(name, ints[i]) == 0 && (v->layout != LAYOUT_V0 || i == 0)) {
            if (get) printf("%d\n", atomic_load(r_i32(v, 4 * (size_t)i)));
            else atomic_store(r_i32(v, 4 * (size_t)i), (int32_t)value);
            return 0;
        }
    }
    const struct { const char *name; size_t offset; int wide; } fields[] = {
        {"proc_num", v->o.proc_num, 0}, {"utilization_switch", v->o.utilization_switch, 0},
        {"recent_kernel", v->o.recent_kernel, 0}, {"priority", v->o.priority, 0},
        {"device_num", v->o.device_num, 1}, {"last_kernel_time", v->o.last_kernel_time, 1},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (strcmp(name, fields[i].name) != 0 || fields[i].offset == 0) continue;
        if (get && fields[i].wide) printf("%llu\n", (unsigned long long)atomic_load(r_u64(v, fields[i].offset)));
        else if (get) printf("%d\n", atomic_load(r_i32(v, fields[i].offset)));
        else if (fields[i].wide) atomic_store(r_u64(v, fields[i].offset), (uint64_t)value);
        else atomic_store(r_i32(v, fields[i].offset), (int32_t)value);
        return 0;
    }
    if (strncmp(name, "seqlock.", 8) == 0 && v->o.slot_seqlock) {
        long long slot = number(name + 8);
        if (slot >= 0 && slot < HAMICORE_PROC_MAX) {
            _Atomic uint64_t *seqlock = s_u64(v, (int)slot, v->o.slot_seqlock);
            if (get) printf("%llu\n", (unsigned long long)atomic_load(seqlock));
            else atomic_store(seqlock, (uint64_t)value);
            return 0;
        }
    }
    fprintf(stderr, "no field %s in this layout\n", name);
    return 2;
}

static enum memory_class memory_class(int argc, char **argv, int at) {
    if (argc <= at || strcmp(argv[at], "data") == 0) return CLASS_DATA;
    if (strcmp(argv[at], "context") == 0) return CLASS_CONTEXT;
    if (strcmp(argv[at], "module") == 0) return CLASS_MODULE;
    fprintf(stderr, "not a memory class: %s\n", argv[at]);
    exit(2);
}

static int act(region_view *v, const char *cmd, int argc, char **argv) {
    if (strcmp(cmd, "devices") == 0 && argc == 1) { proc_devices(v, (int)number(argv[0])); return 0; }
    if (strcmp(cmd, "register") == 0 && (argc == 1 || argc == 2))
        return proc_register(v, (int32_t)number(argv[0]), argc == 2 ? (int32_t)number(argv[1]) : 0) ? 2 : 0;
    if ((strcmp(cmd, "alloc") == 0 || strcmp(cmd, "free") == 0) && (argc == 3 || argc == 4)) {
        long long bytes = number(argv[2]);
        int r = proc_account(v, (int32_t)number(argv[0]), (int)number(argv[1]),
                             strcmp(cmd, "free") == 0 ? -bytes : bytes, memory_class(argc, argv, 3));
        if (r == 1) fprintf(stderr, "out of memory on device %s\n", argv[1]);
        return r == 1 ? 1 : r ? 2 : 0;
    }
    if (strcmp(cmd, "exit") == 0 && argc == 1) return proc_exit(v, (int32_t)number(argv[0])) ? 2 : 0;
    if (strcmp(cmd, "status") == 0 && argc == 2)
        return proc_status(v, (int32_t)number(argv[0]), (int32_t)number(argv[1])) ? 2 : 0;
    if (strcmp(cmd, "watch") == 0 && argc == 4)
        return proc_watch(v, (int32_t)number(argv[0]), (int)number(argv[1]), (uint64_t)number(argv[2]),
                          (uint64_t)number(argv[3])) ? 2 : 0;
    if (strcmp(cmd, "kernel") == 0 && argc == 1) { proc_kernel(v, (uint64_t)number(argv[0])); return 0; }
    if (strcmp(cmd, "set") == 0 && argc == 2) return field(v, argv[0], number(argv[1]), 0);
    if (strcmp(cmd, "get") == 0 && argc == 1) return field(v, argv[0], 0, 1);
    if (strcmp(cmd, "hammer") == 0 && argc == 3) {
        long updates = proc_hammer(v, (int32_t)number(argv[0]), (long)number(argv[1]), (long)number(argv[2]));
        if (updates < 0) return 2;
        printf("updates %ld\n", updates);
        return 0;
    }
    return usage();
}

int main(int argc, char **argv) {
    if ((argc == 3 || argc == 4) && strcmp(argv[1], "container") == 0) return container_run(argv[2], argc == 4 ? argv[3] : NULL);
    if (argc < 3) return usage();
    if (strcmp(argv[1], "create") == 0) return create(argv[2], argc - 3, argv + 3);
    region_view v = {.fd = -1};
    if (region_open(&v, argv[2]) != 0) return 2;
    int status = act(&v, argv[1], argc - 3, argv + 3);
    region_close(&v);
    return status;
}
