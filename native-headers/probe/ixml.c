/* Layout probe for hami/ixml.h: IXML shares NVML's structs, so this probe prints those IXML calls fill (the
 * Java side proves them with NVML's layouts) and IXML's health bits. IxmlLayoutTest compares it. */
#include "hami/ixml.h"
#include "probe.h"

int main(void) {
    PROBE_STRUCT(nvmlMemory_t);
    PROBE_MEMBER(nvmlMemory_t, total);
    PROBE_MEMBER(nvmlMemory_t, free);
    PROBE_MEMBER(nvmlMemory_t, used);

    PROBE_STRUCT(nvmlPciInfo_t);
    PROBE_MEMBER(nvmlPciInfo_t, busIdLegacy);
    PROBE_MEMBER(nvmlPciInfo_t, domain);
    PROBE_MEMBER(nvmlPciInfo_t, bus);
    PROBE_MEMBER(nvmlPciInfo_t, device);
    PROBE_MEMBER(nvmlPciInfo_t, pciDeviceId);
    PROBE_MEMBER(nvmlPciInfo_t, pciSubSystemId);
    PROBE_MEMBER(nvmlPciInfo_t, busId);

    PROBE_STRUCT(nvmlProcessInfo_v1_t);
    PROBE_MEMBER(nvmlProcessInfo_v1_t, pid);
    PROBE_MEMBER(nvmlProcessInfo_v1_t, usedGpuMemory);

    PROBE_CONST(IXML_HEALTH_OK);
    PROBE_CONST(IXML_HEALTH_OVERTEMP_ERROR);
    PROBE_CONST(IXML_HEALTH_PCIE_ERROR);
    return 0;
}
