package io.hami.bindings.hygon;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.layout.LayoutContract;
import java.lang.foreign.GroupLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rocm_smi and hydmi structs we lay out, and the constants we repeat, against hami/hygon_smi.h. */
class HygonLayoutTest extends LayoutContract {
    HygonLayoutTest() {
        super("hygon", Map.of("rsmi_process_info_t", HygonLayouts.PROCESS_INFO, "dmiDeviceInfo", HygonLayouts.DMI_DEVICE_INFO),
                Map.of(
                "RSMI_MEM_TYPE_VRAM", (long) HygonLayouts.RSMI_MEM_TYPE_VRAM,
                "RSMI_STATUS_INSUFFICIENT_SIZE", (long) RsmiReturn.INSUFFICIENT_SIZE.code(),
                "RSMI_STATUS_NOT_SUPPORTED", (long) RsmiReturn.NOT_SUPPORTED.code(),
                "RSMI_STATUS_UNKNOWN_ERROR", Integer.toUnsignedLong(RsmiReturn.UNKNOWN_ERROR.code()),
                "DMI_STATUS_NOT_SUPPORTED", (long) DmiReturn.NOT_SUPPORTED.code()),
                Map.of("rsmi_process_info_t", 32L, "dmiDeviceInfo", 296L));
    }

    @Test
    void thePackedPciIdUnpacks() {
        assertThat(HygonLayouts.pci(0x0000_0001_0000_B31AL)).isEqualTo(new PciAddress(1, 0xB3, 3, 2));
    }
}
