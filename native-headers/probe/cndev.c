/* Layout probe for hami/cndev.h: every struct and member the Java bindings lay out, and the constants they
 * repeat. CndevLayoutTest in bindings compares this output with the Java StructLayouts. */
#include "hami/cndev.h"
#include "probe.h"

static void identity(void) {
    PROBE_STRUCT(cndevCardInfo_t);
    PROBE_MEMBER(cndevCardInfo_t, version);
    PROBE_MEMBER(cndevCardInfo_t, number);

    PROBE_STRUCT(cndevUUID_t);
    PROBE_MEMBER(cndevUUID_t, version);
    PROBE_MEMBER(cndevUUID_t, uuid);
    PROBE_MEMBER(cndevUUID_t, ncsUUID64);

    PROBE_STRUCT(cndevCardSN_t);
    PROBE_MEMBER(cndevCardSN_t, version);
    PROBE_MEMBER(cndevCardSN_t, sn);
    PROBE_MEMBER(cndevCardSN_t, motherBoardSn);

    PROBE_STRUCT(cndevPCIeInfoV2_t);
    PROBE_MEMBER(cndevPCIeInfoV2_t, subsystemId);
    PROBE_MEMBER(cndevPCIeInfoV2_t, deviceId);
    PROBE_MEMBER(cndevPCIeInfoV2_t, vendor);
    PROBE_MEMBER(cndevPCIeInfoV2_t, subsystemVendor);
    PROBE_MEMBER(cndevPCIeInfoV2_t, domain);
    PROBE_MEMBER(cndevPCIeInfoV2_t, bus);
    PROBE_MEMBER(cndevPCIeInfoV2_t, device);
    PROBE_MEMBER(cndevPCIeInfoV2_t, function);
    PROBE_MEMBER(cndevPCIeInfoV2_t, moduleId);
    PROBE_MEMBER(cndevPCIeInfoV2_t, slotId);
    PROBE_MEMBER(cndevPCIeInfoV2_t, reserved);

    PROBE_STRUCT(cndevNUMANodeId_t);
    PROBE_MEMBER(cndevNUMANodeId_t, version);
    PROBE_MEMBER(cndevNUMANodeId_t, nodeId);
}

static void state(void) {
    PROBE_STRUCT(cndevMemoryInfoV2_t);
    PROBE_MEMBER(cndevMemoryInfoV2_t, physicalMemoryTotal);
    PROBE_MEMBER(cndevMemoryInfoV2_t, physicalMemoryUsed);
    PROBE_MEMBER(cndevMemoryInfoV2_t, reservedMemory);
    PROBE_MEMBER(cndevMemoryInfoV2_t, virtualMemoryTotal);
    PROBE_MEMBER(cndevMemoryInfoV2_t, virtualMemoryUsed);
    PROBE_MEMBER(cndevMemoryInfoV2_t, globalMemory);
    PROBE_MEMBER(cndevMemoryInfoV2_t, reserved);

    PROBE_STRUCT(cndevUtilizationInfo_t);
    PROBE_MEMBER(cndevUtilizationInfo_t, version);
    PROBE_MEMBER(cndevUtilizationInfo_t, averageCoreUtilization);
    PROBE_MEMBER(cndevUtilizationInfo_t, coreUtilization);

    PROBE_STRUCT(cndevCardHealthState_t);
    PROBE_MEMBER(cndevCardHealthState_t, version);
    PROBE_MEMBER(cndevCardHealthState_t, health);
    PROBE_MEMBER(cndevCardHealthState_t, deviceState);
    PROBE_MEMBER(cndevCardHealthState_t, driverState);

    PROBE_STRUCT(cndevProcessInfo_t);
    PROBE_MEMBER(cndevProcessInfo_t, version);
    PROBE_MEMBER(cndevProcessInfo_t, pid);
    PROBE_MEMBER(cndevProcessInfo_t, physicalMemoryUsed);
    PROBE_MEMBER(cndevProcessInfo_t, virtualMemoryUsed);
}

static void smlu(void) {
    PROBE_STRUCT(cndevSMLUMode_t);
    PROBE_MEMBER(cndevSMLUMode_t, version);
    PROBE_MEMBER(cndevSMLUMode_t, smluMode);

    PROBE_STRUCT(cndevSMluSet_t);
    PROBE_MEMBER(cndevSMluSet_t, version);
    PROBE_MEMBER(cndevSMluSet_t, mluQuota);
    PROBE_MEMBER(cndevSMluSet_t, memorySize);

    PROBE_STRUCT(cndevSMluInfo_t);
    PROBE_MEMBER(cndevSMluInfo_t, version);
    PROBE_MEMBER(cndevSMluInfo_t, profileId);
    PROBE_MEMBER(cndevSMluInfo_t, instanceId);
    PROBE_MEMBER(cndevSMluInfo_t, uuid);
    PROBE_MEMBER(cndevSMluInfo_t, domain);
    PROBE_MEMBER(cndevSMluInfo_t, bus);
    PROBE_MEMBER(cndevSMluInfo_t, device);
    PROBE_MEMBER(cndevSMluInfo_t, function);
    PROBE_MEMBER(cndevSMluInfo_t, profileName);
    PROBE_MEMBER(cndevSMluInfo_t, instanceName);
    PROBE_MEMBER(cndevSMluInfo_t, devNodeName);
    PROBE_MEMBER(cndevSMluInfo_t, mluQuota);
    PROBE_MEMBER(cndevSMluInfo_t, memorySize);
    PROBE_MEMBER(cndevSMluInfo_t, reserved);

    PROBE_STRUCT(cndevSMluProfileIdInfo_t);
    PROBE_MEMBER(cndevSMluProfileIdInfo_t, version);
    PROBE_MEMBER(cndevSMluProfileIdInfo_t, count);
    PROBE_MEMBER(cndevSMluProfileIdInfo_t, profileId);

    PROBE_STRUCT(cndevSMluProfileInfo_t);
    PROBE_MEMBER(cndevSMluProfileInfo_t, version);
    PROBE_MEMBER(cndevSMluProfileInfo_t, profileId);
    PROBE_MEMBER(cndevSMluProfileInfo_t, name);
    PROBE_MEMBER(cndevSMluProfileInfo_t, totalCapacity);
    PROBE_MEMBER(cndevSMluProfileInfo_t, remainCapacity);
    PROBE_MEMBER(cndevSMluProfileInfo_t, mluQuota);
    PROBE_MEMBER(cndevSMluProfileInfo_t, memorySize);
}

int main(void) {
    identity();
    state();
    smlu();
    PROBE_CONST(CNDEV_VERSION_6);
    PROBE_CONST(CNDEV_UUID_SIZE);
    PROBE_CONST(CNDEV_HEALTH_GOOD);
    PROBE_CONST(CNDEV_ERROR_UNSUPPORTED_API_VERSION);
    PROBE_CONST(CNDEV_ERROR_INSUFFICIENT_SPACE);
    PROBE_CONST(CNDEV_ERROR_IN_PROBLEM);
    PROBE_CONST(CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE);
    PROBE_CONST(CNDEV_MLUINSTANCE_DEVICE_NODE_NAME_BUFFER_SIZE);
    PROBE_CONST(CNDEV_SMLU_MAX_PROFILES);
    PROBE_CONST(CNDEV_FEATURE_ENABLED);
    return 0;
}
