package io.hami.bindings.cndev;

import io.hami.bindings.layout.LayoutContract;
import java.lang.foreign.GroupLayout;
import java.util.Map;

/** Every CNDEV struct we lay out, and every constant we repeat, against what gcc made of hami/cndev.h. */
class CndevLayoutTest extends LayoutContract {
    CndevLayoutTest() {
        super("cndev", Map.of(
                "cndevCardInfo_t", CndevLayouts.CARD_INFO,
                "cndevUUID_t", CndevLayouts.UUID,
                "cndevCardSN_t", CndevLayouts.CARD_SN,
                "cndevMemoryInfoV2_t", CndevLayouts.MEMORY_V2,
                "cndevUtilizationInfo_t", CndevLayouts.UTILIZATION,
                "cndevPCIeInfoV2_t", CndevLayouts.PCIE_V2,
                "cndevNUMANodeId_t", CndevLayouts.NUMA_NODE,
                "cndevCardHealthState_t", CndevLayouts.HEALTH,
                "cndevProcessInfo_t", CndevLayouts.PROCESS),
                Map.of(
                "CNDEV_VERSION_6", (long) CndevLayouts.CNDEV_VERSION_6,
                "CNDEV_UUID_SIZE", (long) CndevLayouts.CNDEV_UUID_SIZE,
                "CNDEV_HEALTH_GOOD", (long) CndevHealth.GOOD,
                "CNDEV_ERROR_UNSUPPORTED_API_VERSION", (long) CndevReturn.UNSUPPORTED_API_VERSION.code(),
                "CNDEV_ERROR_INSUFFICIENT_SPACE", (long) CndevReturn.INSUFFICIENT_SPACE.code(),
                "CNDEV_ERROR_IN_PROBLEM", (long) CndevReturn.IN_PROBLEM.code()),
                Map.of("cndevCardInfo_t", 8L, "cndevUUID_t", 56L, "cndevCardSN_t", 24L, "cndevMemoryInfoV2_t", 176L,
                "cndevUtilizationInfo_t", 328L, "cndevPCIeInfoV2_t", 64L, "cndevNUMANodeId_t", 8L,
                "cndevCardHealthState_t", 16L, "cndevProcessInfo_t", 24L));
    }
}
