package io.hami.bindings.dcmi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.layout.LayoutContract;
import io.hami.bindings.layout.ProbeOutput;
import java.lang.foreign.GroupLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every DCMI struct we lay out (the by-value event filter and the callback's event among them), and every
 * constant we repeat, against what gcc made of hami/dcmi.h.
 */
class DcmiLayoutTest extends LayoutContract {
    DcmiLayoutTest() {
        super("dcmi", Map.of(
                "dcmi_chip_info_t", DcmiLayouts.CHIP_INFO,
                "dcmi_pcie_info_all_t", DcmiLayouts.PCIE_INFO,
                "dcmi_die_id_t", DcmiLayouts.DIE_ID,
                "dcmi_hbm_info_t", DcmiLayouts.HBM_INFO,
                "dcmi_get_memory_info_stru_t", DcmiLayouts.MEMORY_INFO,
                "dcmi_event_filter_t", DcmiLayouts.EVENT_FILTER,
                "dcmi_dms_fault_event_t", DcmiLayouts.FAULT_EVENT,
                "dcmi_event_t", DcmiLayouts.EVENT,
                "dcmi_create_vdev_res_stru_t", DcmiLayouts.VDEV_RES,
                "dcmi_create_vdev_out_t", DcmiLayouts.VDEV_OUT),
                Map.of(
                "DCMI_ERR_NOT_SUPPORTED", (long) DcmiReturn.NOT_SUPPORTED.code(),
                "DCMI_ERR_DEVICE_NOT_EXIST", (long) DcmiReturn.DEVICE_NOT_EXIST.code(),
                "DCMI_MAX_CARDS", (long) DcmiLayouts.DCMI_MAX_CARDS,
                "VDIE", (long) DcmiLayouts.VDIE,
                "DCMI_UTILIZATION_AICORE", (long) DcmiLayouts.DCMI_UTILIZATION_AICORE,
                "DCMI_EVENT_FILTER_FLAG_EVENT_ID", DcmiEventFilter.ALL.withEventId(0).flags(),
                "DCMI_EVENT_FILTER_FLAG_SEVERITY", DcmiEventFilter.atLeast(0).flags(),
                "DCMI_EVENT_FILTER_FLAG_NODE_TYPE", DcmiEventFilter.ALL.withNodeType(0).flags()),
                Map.of("dcmi_chip_info_t", 100L, "dcmi_pcie_info_all_t", 64L, "dcmi_die_id_t", 20L, "dcmi_hbm_info_t", 32L,
                "dcmi_get_memory_info_stru_t", 112L, "dcmi_event_filter_t", 48L, "dcmi_dms_fault_event_t", 352L,
                "dcmi_event_t", 360L, "dcmi_create_vdev_res_stru_t", 104L, "dcmi_create_vdev_out_t", 52L));
    }

    @Test
    void theEventsUnionHoldsTheFaultEventAtOffsetEight() {
        assertThat(probe().struct("dcmi_event_t").members().get("event_t").offset()).isEqualTo(8);
        assertThat(DcmiLayouts.EVENT_UNION.byteSize()).isEqualTo(DcmiLayouts.FAULT_EVENT.byteSize());
    }
}
