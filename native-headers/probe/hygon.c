/* Layout probe for hami/hygon_smi.h: the rocm_smi and hydmi structs the Java bindings lay out, and the
 * constants they repeat. HygonLayoutTest in bindings compares this output with the Java StructLayouts. */
#include "hami/hygon_smi.h"
#include "probe.h"

int main(void) {
    PROBE_STRUCT(rsmi_process_info_t);
    PROBE_MEMBER(rsmi_process_info_t, process_id);
    PROBE_MEMBER(rsmi_process_info_t, pasid);
    PROBE_MEMBER(rsmi_process_info_t, vram_usage);
    PROBE_MEMBER(rsmi_process_info_t, sdma_usage);
    PROBE_MEMBER(rsmi_process_info_t, cu_occupancy);

    PROBE_STRUCT(dmiDeviceInfo);
    PROBE_MEMBER(dmiDeviceInfo, name);
    PROBE_MEMBER(dmiDeviceInfo, compute_unit_count);
    PROBE_MEMBER(dmiDeviceInfo, global_mem_size);
    PROBE_MEMBER(dmiDeviceInfo, usage_mem_size);
    PROBE_MEMBER(dmiDeviceInfo, container_id);
    PROBE_MEMBER(dmiDeviceInfo, device_id);

    PROBE_CONST(RSMI_MEM_TYPE_VRAM);
    PROBE_CONST(RSMI_STATUS_INSUFFICIENT_SIZE);
    PROBE_CONST(RSMI_STATUS_NOT_SUPPORTED);
    PROBE_CONST(RSMI_STATUS_UNKNOWN_ERROR);
    PROBE_CONST(DMI_STATUS_NOT_SUPPORTED);
    return 0;
}
