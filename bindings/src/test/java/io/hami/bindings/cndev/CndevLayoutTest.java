package io.hami.bindings.cndev;

import io.hami.bindings.layout.LayoutContract;
import java.lang.foreign.GroupLayout;
import java.util.Map;

/** Every CNDEV struct we lay out, and every constant we repeat, against what gcc made of hami/cndev.h. */
class CndevLayoutTest extends LayoutContract {
    CndevLayoutTest() {
        super("cndev", Map.ofEntries(
                Map.entry("cndevCardInfo_t", CndevLayouts.CARD_INFO),
                Map.entry("cndevUUID_t", CndevLayouts.UUID),
                Map.entry("cndevCardSN_t", CndevLayouts.CARD_SN),
                Map.entry("cndevMemoryInfoV2_t", CndevLayouts.MEMORY_V2),
                Map.entry("cndevUtilizationInfo_t", CndevLayouts.UTILIZATION),
                Map.entry("cndevPCIeInfoV2_t", CndevLayouts.PCIE_V2),
                Map.entry("cndevNUMANodeId_t", CndevLayouts.NUMA_NODE),
                Map.entry("cndevCardHealthState_t", CndevLayouts.HEALTH),
                Map.entry("cndevProcessInfo_t", CndevLayouts.PROCESS),
                Map.entry("cndevSMLUMode_t", CndevLayouts.SMLU_MODE),
                Map.entry("cndevSMluSet_t", CndevLayouts.SMLU_SET),
                Map.entry("cndevSMluInfo_t", CndevLayouts.SMLU_INFO),
                Map.entry("cndevSMluProfileIdInfo_t", CndevLayouts.SMLU_PROFILE_IDS),
                Map.entry("cndevSMluProfileInfo_t", CndevLayouts.SMLU_PROFILE)),
                Map.ofEntries(
                Map.entry("CNDEV_VERSION_6", (long) CndevLayouts.CNDEV_VERSION_6),
                Map.entry("CNDEV_UUID_SIZE", (long) CndevLayouts.CNDEV_UUID_SIZE),
                Map.entry("CNDEV_HEALTH_GOOD", (long) CndevHealth.GOOD),
                Map.entry("CNDEV_ERROR_UNSUPPORTED_API_VERSION", (long) CndevReturn.UNSUPPORTED_API_VERSION.code()),
                Map.entry("CNDEV_ERROR_INSUFFICIENT_SPACE", (long) CndevReturn.INSUFFICIENT_SPACE.code()),
                Map.entry("CNDEV_ERROR_IN_PROBLEM", (long) CndevReturn.IN_PROBLEM.code()),
                Map.entry("CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE",
                        (long) CndevLayouts.CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE),
                Map.entry("CNDEV_MLUINSTANCE_DEVICE_NODE_NAME_BUFFER_SIZE",
                        (long) CndevLayouts.CNDEV_MLUINSTANCE_DEVICE_NODE_NAME_BUFFER_SIZE),
                Map.entry("CNDEV_SMLU_MAX_PROFILES", (long) CndevLayouts.CNDEV_SMLU_MAX_PROFILES),
                Map.entry("CNDEV_FEATURE_ENABLED", (long) CndevLayouts.CNDEV_FEATURE_ENABLED)),
                Map.ofEntries(
                Map.entry("cndevCardInfo_t", 8L),
                Map.entry("cndevUUID_t", 56L),
                Map.entry("cndevCardSN_t", 24L),
                Map.entry("cndevMemoryInfoV2_t", 176L),
                Map.entry("cndevUtilizationInfo_t", 328L),
                Map.entry("cndevPCIeInfoV2_t", 64L),
                Map.entry("cndevNUMANodeId_t", 8L),
                Map.entry("cndevCardHealthState_t", 16L),
                Map.entry("cndevProcessInfo_t", 24L),
                Map.entry("cndevSMLUMode_t", 8L),
                Map.entry("cndevSMluSet_t", 16L),
                Map.entry("cndevSMluInfo_t", 904L),
                Map.entry("cndevSMluProfileIdInfo_t", 520L),
                Map.entry("cndevSMluProfileInfo_t", 144L)));
    }
}
