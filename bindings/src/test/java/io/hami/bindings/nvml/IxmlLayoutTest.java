package io.hami.bindings.nvml;

import io.hami.bindings.ixml.IxmlHealth;
import io.hami.bindings.layout.LayoutContract;
import io.hami.bindings.layout.ProbeOutput;
import java.lang.foreign.GroupLayout;
import java.util.Map;

/**
 * IXML fills NVML's structs: the NVML layouts the IXML calls use, proven against hami/ixml.h's probe, and the
 * health bits we repeat. (In this package because the layouts are NVML's.)
 */
class IxmlLayoutTest extends LayoutContract {
    private static final ProbeOutput PROBE = ProbeOutput.load("ixml");

    @Override
    protected ProbeOutput probe() {
        return PROBE;
    }

    @Override
    protected Map<String, GroupLayout> layouts() {
        return Map.of("nvmlMemory_t", NvmlLayouts.MEMORY, "nvmlPciInfo_t", NvmlLayouts.PCI_INFO,
                "nvmlProcessInfo_v1_t", NvmlLayouts.PROCESS_INFO_V1);
    }

    @Override
    protected Map<String, Long> constants() {
        return Map.of("IXML_HEALTH_OK", IxmlHealth.OK, "IXML_HEALTH_OVERTEMP_ERROR", IxmlHealth.OVER_TEMPERATURE,
                "IXML_HEALTH_PCIE_ERROR", IxmlHealth.PCIE_ERROR);
    }

    @Override
    protected Map<String, Long> measuredSizes() {
        return Map.of("nvmlMemory_t", 24L, "nvmlPciInfo_t", 68L, "nvmlProcessInfo_v1_t", 16L);
    }
}
