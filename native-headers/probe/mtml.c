/* Layout probe for hami/mtml.h: every struct and member the Java bindings lay out, and the constants they
 * repeat. MtmlLayoutTest in bindings compares this output with the Java StructLayouts. */
#include "hami/mtml.h"
#include "probe.h"

int main(void) {
    PROBE_STRUCT(MtmlPciInfo);
    PROBE_MEMBER(MtmlPciInfo, sbdf);
    PROBE_MEMBER(MtmlPciInfo, segment);
    PROBE_MEMBER(MtmlPciInfo, bus);
    PROBE_MEMBER(MtmlPciInfo, device);
    PROBE_MEMBER(MtmlPciInfo, pciDeviceId);
    PROBE_MEMBER(MtmlPciInfo, pciSubsystemId);
    PROBE_MEMBER(MtmlPciInfo, busWidth);
    PROBE_MEMBER(MtmlPciInfo, pciMaxSpeed);
    PROBE_MEMBER(MtmlPciInfo, pciCurSpeed);
    PROBE_MEMBER(MtmlPciInfo, pciMaxWidth);
    PROBE_MEMBER(MtmlPciInfo, pciCurWidth);
    PROBE_MEMBER(MtmlPciInfo, pciMaxGen);
    PROBE_MEMBER(MtmlPciInfo, pciCurGen);
    PROBE_MEMBER(MtmlPciInfo, rsvd);

    PROBE_STRUCT(MtmlDeviceProperty);
    PROBE_MEMBER(MtmlDeviceProperty, bits);
    PROBE_MEMBER(MtmlDeviceProperty, rsvd);

    PROBE_CONST(MTML_DEVICE_UUID_BUFFER_SIZE);
    PROBE_CONST(MTML_DEVICE_NAME_BUFFER_SIZE);
    PROBE_CONST(MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE);
    PROBE_CONST(MTML_ERROR_NOT_SUPPORTED);
    PROBE_CONST(MTML_ERROR_UNKNOWN);
    PROBE_CONST(MTML_PROPERTY_MPC_CAP);
    return 0;
}
