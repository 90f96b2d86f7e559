package io.hami.bindings.cnrt;

import io.hami.bindings.layout.LayoutContract;
import java.util.Map;

/** The CNRT struct we lay out, and every constant we repeat, against what gcc made of hami/cnrt.h. */
class CnrtLayoutTest extends LayoutContract {
    CnrtLayoutTest() {
        super("cnrt", Map.of("cnrtDeviceProp_t", CnrtLayouts.DEVICE_PROP),
                Map.of(
                "CNRT_DEVICE_NAME_SIZE", (long) CnrtLayouts.CNRT_DEVICE_NAME_SIZE,
                "CNRT_UUID_SIZE", (long) CnrtLayouts.CNRT_UUID_SIZE,
                "cnrtErrorDeviceInvalid", (long) CnrtReturn.DEVICE_INVALID.code(),
                "cnrtErrorNotSupport", (long) CnrtReturn.NOT_SUPPORT.code(),
                "cnrtErrorCndrvFuncCall", (long) CnrtReturn.CNDRV_FUNC_CALL.code(),
                "cnrtErrorUnknown", (long) CnrtReturn.UNKNOWN.code()),
                Map.of("cnrtDeviceProp_t", 584L));
    }
}
