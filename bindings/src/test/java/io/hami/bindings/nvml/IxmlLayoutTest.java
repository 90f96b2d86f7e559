package io.hami.bindings.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.ixml.IxmlHealth;
import io.hami.bindings.layout.LayoutContract;
import io.hami.bindings.layout.ProbeOutput;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IXML lays out no struct of its own: hami/ixml.h includes hami/nvml.h, whose probe proves the NVML layouts the
 * IXML calls fill. Its probe prints the health bits we repeat. (In this package because the layouts are NVML's.)
 */
class IxmlLayoutTest extends LayoutContract {
    IxmlLayoutTest() {
        super("ixml", Map.of(),
                Map.of("IXML_HEALTH_OK", IxmlHealth.OK, "IXML_HEALTH_OVERTEMP_ERROR", IxmlHealth.OVER_TEMPERATURE,
                        "IXML_HEALTH_PCIE_ERROR", IxmlHealth.PCIE_ERROR),
                Map.of());
    }

    @Test
    void theNvmlStructsIxmlFillsAreProvenByTheNvmlProbe() {
        assertThat(ProbeOutput.load("nvml").structs()).containsKeys("nvmlMemory_t", "nvmlMemory_v2_t", "nvmlPciInfo_t",
                "nvmlProcessInfo_v1_t", "nvmlUtilization_t", "nvmlEventData_t");
    }
}
