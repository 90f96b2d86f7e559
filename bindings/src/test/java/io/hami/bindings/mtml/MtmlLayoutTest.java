package io.hami.bindings.mtml;

import io.hami.bindings.layout.LayoutContract;
import java.lang.foreign.GroupLayout;
import java.util.Map;

/** Every MTML struct we lay out, and every constant we repeat, against what gcc made of hami/mtml.h. */
class MtmlLayoutTest extends LayoutContract {
    MtmlLayoutTest() {
        super("mtml", Map.of("MtmlPciInfo", MtmlLayouts.PCI_INFO, "MtmlDeviceProperty", MtmlLayouts.DEVICE_PROPERTY),
                Map.of(
                "MTML_DEVICE_UUID_BUFFER_SIZE", (long) MtmlLayouts.MTML_DEVICE_UUID_BUFFER_SIZE,
                "MTML_DEVICE_NAME_BUFFER_SIZE", (long) MtmlLayouts.MTML_DEVICE_NAME_BUFFER_SIZE,
                "MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE", (long) MtmlLayouts.MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE,
                "MTML_ERROR_NOT_SUPPORTED", (long) MtmlReturn.NOT_SUPPORTED.code(),
                "MTML_ERROR_UNKNOWN", (long) MtmlReturn.UNKNOWN.code(),
                "MTML_PROPERTY_MPC_CAP", (long) MtmlLayouts.MTML_PROPERTY_MPC_CAP),
                Map.of("MtmlPciInfo", 104L, "MtmlDeviceProperty", 8L));
    }
}
