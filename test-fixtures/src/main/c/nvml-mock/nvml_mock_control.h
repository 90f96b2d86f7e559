/*
 * Functions the mock libnvidia-ml exports beside NVML's, for tests in the same process (a JVM cannot
 * set its own environment, so NVML_MOCK_PROFILE is not the only way in). Real NVML has none of these;
 * a test can tell the mock from a driver by looking one up.
 */
#ifndef NVML_MOCK_CONTROL_H
#define NVML_MOCK_CONTROL_H

/* Uses this profile text (copied) from the next init that finds NVML uninitialized; NULL goes back to
 * NVML_MOCK_PROFILE. Returns 0, NVML_ERROR_IN_USE while initialized, or NVML_ERROR_INVALID_ARGUMENT for
 * a profile that does not load (see hamiMockNvmlLastError). */
int hamiMockNvmlUseProfile(const char *json);

/* Copies the last profile error (empty if none) into buf. */
int hamiMockNvmlLastError(char *buf, unsigned int length);

/* The number of successful inits not yet shut down. */
int hamiMockNvmlInitCount(void);

/* Queues an XID critical-error event for the device at index and wakes waiting event sets. Returns 0,
 * NVML_ERROR_UNINITIALIZED, NVML_ERROR_INVALID_ARGUMENT or NVML_ERROR_INSUFFICIENT_SIZE (queue full). */
int hamiMockNvmlInjectXid(unsigned int index, unsigned long long xid);

/* The same for an XID on a MIG device of that GPU: the event carries the GPU-instance and compute-instance ids
 * (nvmlEventSetWait_v2 reports them; the legacy wait does not). */
int hamiMockNvmlInjectMigXid(unsigned int index, unsigned long long xid, unsigned int gpuInstanceId,
                             unsigned int computeInstanceId);

/* The number of event sets created and not yet freed. */
int hamiMockNvmlLiveEventSets(void);

#endif
