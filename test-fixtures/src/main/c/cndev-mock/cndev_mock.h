/*
 * The mock libcndev.so's state: a machine from a JSON profile (mock_device.h's schema plus CNDEV's own
 * members), handles that are not indices, and the struct version the library accepts.
 */
#ifndef CNDEV_MOCK_H
#define CNDEV_MOCK_H

#include "hami/cndev.h"
#include "mock_device.h"
#include "mock_runtime.h"

#define CNDEV_FUNCTIONS(X) \
    X(cndevInit) X(cndevRelease) X(cndevGetDeviceCount) X(cndevGetDeviceHandleByIndex) X(cndevGetUUID) \
    X(cndevGetCardSN) X(cndevGetCardNameStringByDevId) X(cndevGetMemoryUsageV2) X(cndevGetDeviceUtilizationInfo) \
    X(cndevGetPCIeInfoV2) X(cndevGetNUMANodeIdByDevId) X(cndevGetCardHealthState) X(cndevDeviceGetMinorNumber) \
    X(cndevGetProcessInfo) X(cndevGetDriverVersion)

typedef enum { CNDEV_FUNCTIONS(MOCK_FN_ID) FN_COUNT } cndev_fn;

/* Handles are 0x100 + index, so that a binding that passes an index where a handle belongs is caught. */
#define CNDEV_MOCK_HANDLE_BASE 0x100
#define CNDEV_MOCK_MAX_PROCESSES 32

typedef struct {
    unsigned int pid;
    unsigned long used_kib;
} cndev_mock_process;

typedef struct {
    mock_device common;
    int device_state, driver_state;
    unsigned int process_count;
    cndev_mock_process processes[CNDEV_MOCK_MAX_PROCESSES];
} cndev_mock_device;

typedef struct {
    mock_machine_head head;
    cndev_mock_device devices[MOCK_MAX_DEVICES];
    int api_version;                  /* the one struct version this library accepts */
    unsigned int driver[3];
} cndev_mock_machine;

extern cndev_mock_machine cndev_machine;
extern mock_runtime cndev_rt;
extern const mock_schema cndev_schema;

int cndev_load_profile(const char *text, size_t len, void *machine, char *err, size_t errlen);

#endif
