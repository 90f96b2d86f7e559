/* Layout probe for hami/dcmi.h: every struct and member the Java bindings lay out (the by-value event filter
 * and the event the callback receives among them), and the constants they repeat. DcmiLayoutTest compares it. */
#include "hami/dcmi.h"
#include "probe.h"

static void device(void) {
    PROBE_STRUCT(dcmi_chip_info_t);
    PROBE_MEMBER(dcmi_chip_info_t, chip_type);
    PROBE_MEMBER(dcmi_chip_info_t, chip_name);
    PROBE_MEMBER(dcmi_chip_info_t, chip_ver);
    PROBE_MEMBER(dcmi_chip_info_t, aicore_cnt);

    PROBE_STRUCT(dcmi_pcie_info_all_t);
    PROBE_MEMBER(dcmi_pcie_info_all_t, venderid);
    PROBE_MEMBER(dcmi_pcie_info_all_t, subvenderid);
    PROBE_MEMBER(dcmi_pcie_info_all_t, deviceid);
    PROBE_MEMBER(dcmi_pcie_info_all_t, subdeviceid);
    PROBE_MEMBER(dcmi_pcie_info_all_t, domain);
    PROBE_MEMBER(dcmi_pcie_info_all_t, bdf_busid);
    PROBE_MEMBER(dcmi_pcie_info_all_t, bdf_deviceid);
    PROBE_MEMBER(dcmi_pcie_info_all_t, bdf_funcid);
    PROBE_MEMBER(dcmi_pcie_info_all_t, reserve);

    PROBE_STRUCT(dcmi_die_id_t);
    PROBE_MEMBER(dcmi_die_id_t, soc_die);

    PROBE_STRUCT(dcmi_hbm_info_t);
    PROBE_MEMBER(dcmi_hbm_info_t, memory_size);
    PROBE_MEMBER(dcmi_hbm_info_t, freq);
    PROBE_MEMBER(dcmi_hbm_info_t, memory_usage);
    PROBE_MEMBER(dcmi_hbm_info_t, temp);
    PROBE_MEMBER(dcmi_hbm_info_t, bandwith_util_rate);

    PROBE_STRUCT(dcmi_get_memory_info_stru_t);
    PROBE_MEMBER(dcmi_get_memory_info_stru_t, memory_size);
    PROBE_MEMBER(dcmi_get_memory_info_stru_t, memory_available);
    PROBE_MEMBER(dcmi_get_memory_info_stru_t, freq);
    PROBE_MEMBER(dcmi_get_memory_info_stru_t, hugepagesize);
    PROBE_MEMBER(dcmi_get_memory_info_stru_t, hugepages_total);
    PROBE_MEMBER(dcmi_get_memory_info_stru_t, hugepages_free);
    PROBE_MEMBER(dcmi_get_memory_info_stru_t, utiliza);
    PROBE_MEMBER(dcmi_get_memory_info_stru_t, reserve);
}

static void events(void) {
    PROBE_STRUCT(dcmi_event_filter_t);
    PROBE_MEMBER(dcmi_event_filter_t, filter_flag);
    PROBE_MEMBER(dcmi_event_filter_t, event_id);
    PROBE_MEMBER(dcmi_event_filter_t, severity);
    PROBE_MEMBER(dcmi_event_filter_t, node_type);
    PROBE_MEMBER(dcmi_event_filter_t, resv);

    PROBE_STRUCT(dcmi_dms_fault_event_t);
    PROBE_MEMBER(dcmi_dms_fault_event_t, event_id);
    PROBE_MEMBER(dcmi_dms_fault_event_t, deviceid);
    PROBE_MEMBER(dcmi_dms_fault_event_t, node_type);
    PROBE_MEMBER(dcmi_dms_fault_event_t, node_id);
    PROBE_MEMBER(dcmi_dms_fault_event_t, sub_node_type);
    PROBE_MEMBER(dcmi_dms_fault_event_t, sub_node_id);
    PROBE_MEMBER(dcmi_dms_fault_event_t, severity);
    PROBE_MEMBER(dcmi_dms_fault_event_t, assertion);
    PROBE_MEMBER(dcmi_dms_fault_event_t, event_serial_num);
    PROBE_MEMBER(dcmi_dms_fault_event_t, notify_serial_num);
    PROBE_MEMBER(dcmi_dms_fault_event_t, alarm_raised_time);
    PROBE_MEMBER(dcmi_dms_fault_event_t, event_name);
    PROBE_MEMBER(dcmi_dms_fault_event_t, additional_info);
    PROBE_MEMBER(dcmi_dms_fault_event_t, resv);

    PROBE_STRUCT(dcmi_event_t);
    PROBE_MEMBER(dcmi_event_t, type);
    PROBE_MEMBER(dcmi_event_t, event_t);
}

static void vnpu(void) {
    PROBE_STRUCT(dcmi_create_vdev_res_stru_t);
    PROBE_MEMBER(dcmi_create_vdev_res_stru_t, vdev_id);
    PROBE_MEMBER(dcmi_create_vdev_res_stru_t, vfg_id);
    PROBE_MEMBER(dcmi_create_vdev_res_stru_t, template_name);
    PROBE_MEMBER(dcmi_create_vdev_res_stru_t, reserved);

    PROBE_STRUCT(dcmi_create_vdev_out_t);
    PROBE_MEMBER(dcmi_create_vdev_out_t, vdev_id);
    PROBE_MEMBER(dcmi_create_vdev_out_t, pcie_bus);
    PROBE_MEMBER(dcmi_create_vdev_out_t, pcie_device);
    PROBE_MEMBER(dcmi_create_vdev_out_t, pcie_func);
    PROBE_MEMBER(dcmi_create_vdev_out_t, vfg_id);
    PROBE_MEMBER(dcmi_create_vdev_out_t, reserved);
}

int main(void) {
    device();
    events();
    vnpu();
    PROBE_CONST(DCMI_ERR_NOT_SUPPORTED);
    PROBE_CONST(DCMI_ERR_DEVICE_NOT_EXIST);
    PROBE_CONST(DCMI_MAX_CARDS);
    PROBE_CONST(VDIE);
    PROBE_CONST(DCMI_UTILIZATION_AICORE);
    PROBE_CONST(DCMI_EVENT_FILTER_FLAG_EVENT_ID);
    PROBE_CONST(DCMI_EVENT_FILTER_FLAG_SEVERITY);
    PROBE_CONST(DCMI_EVENT_FILTER_FLAG_NODE_TYPE);
    return 0;
}
