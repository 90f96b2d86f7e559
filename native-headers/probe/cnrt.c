/* Layout probe for hami/cnrt.h: every member the Java bindings name in cnrtDeviceProp_t, and the constants they
 * repeat. CnrtLayoutTest in bindings compares this output with the Java StructLayouts. */
#include "hami/cnrt.h"
#include "probe.h"

int main(void) {
    PROBE_STRUCT(cnrtDeviceProp_t);
    PROBE_MEMBER(cnrtDeviceProp_t, name);
    PROBE_MEMBER(cnrtDeviceProp_t, totalMem);
    PROBE_MEMBER(cnrtDeviceProp_t, maxDim);
    PROBE_MEMBER(cnrtDeviceProp_t, ipuClockRate);
    PROBE_MEMBER(cnrtDeviceProp_t, memClockRate);
    PROBE_MEMBER(cnrtDeviceProp_t, totalConstMem);
    PROBE_MEMBER(cnrtDeviceProp_t, major);
    PROBE_MEMBER(cnrtDeviceProp_t, minor);
    PROBE_MEMBER(cnrtDeviceProp_t, ECCEnabled);
    PROBE_MEMBER(cnrtDeviceProp_t, pciBusID);
    PROBE_MEMBER(cnrtDeviceProp_t, pciDeviceID);
    PROBE_MEMBER(cnrtDeviceProp_t, pciDomainID);
    PROBE_MEMBER(cnrtDeviceProp_t, availableGlobalMemorySize);
    PROBE_MEMBER(cnrtDeviceProp_t, uuid);
    PROBE_MEMBER(cnrtDeviceProp_t, totalGlobalMemSize);
    PROBE_MEMBER(cnrtDeviceProp_t, reserved);

    PROBE_CONST(CNRT_DEVICE_NAME_SIZE);
    PROBE_CONST(CNRT_UUID_SIZE);
    PROBE_CONST(cnrtErrorDeviceInvalid);
    PROBE_CONST(cnrtErrorNotSupport);
    PROBE_CONST(cnrtErrorCndrvFuncCall);
    PROBE_CONST(cnrtErrorUnknown);
    return 0;
}
