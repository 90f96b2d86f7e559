package io.hami.bindings.mxsml;

import io.hami.bindings.layout.LayoutContract;
import java.lang.foreign.GroupLayout;
import java.util.Map;

/**
 * Every MXSML struct we lay out, and every constant we repeat, against what gcc made of hami/mxsml.h; the sizes are
 * those gcc gave for structs rebuilt from MetaX's bindings (MetaX publishes no header;
 * docs/vendors.md, "MetaX — MXSML").
 */
class MxsmlLayoutTest extends LayoutContract {
    MxsmlLayoutTest() {
        super("mxsml", Map.of(
                "mxSmlDeviceInfo_t", MxsmlLayouts.DEVICE_INFO,
                "mxSmlMemoryInfo_t", MxsmlLayouts.MEMORY_INFO,
                "mxSmlBoardWayElectricInfo_t", MxsmlLayouts.BOARD_WAY,
                "mxSmlDeviceUnavailableReason_t", MxsmlLayouts.UNAVAILABLE_REASON),
                Map.of(
                "MXSML_INSUFFICIENT_SIZE", (long) MxsmlReturn.INSUFFICIENT_SIZE.code(),
                "MXSML_OPERATION_NOT_SUPPORT", (long) MxsmlReturn.OPERATION_NOT_SUPPORT.code(),
                "MXSML_USAGE_XCORE", (long) MxsmlLayouts.MXSML_USAGE_XCORE,
                "MXSML_USAGE_DLA", (long) MxsmlLayouts.MXSML_USAGE_DLA,
                "MXSML_BRAND_N", (long) MxsmlDeviceInfo.BRAND_N,
                "MXSML_BRAND_C", 2L),
                Map.of("mxSmlDeviceInfo_t", 184L, "mxSmlMemoryInfo_t", 48L, "mxSmlBoardWayElectricInfo_t", 12L,
                "mxSmlDeviceUnavailableReason_t", 68L));
    }
}
