/* Layout probe for hami/mxsml.h (rebuilt from MetaX's bindings; no vendor header exists): every struct and
 * member the Java bindings lay out, and the constants they repeat. MxsmlLayoutTest compares it. */
#include "hami/mxsml.h"
#include "probe.h"

int main(void) {
    PROBE_STRUCT(mxSmlDeviceInfo_t);
    PROBE_MEMBER(mxSmlDeviceInfo_t, deviceId);
    PROBE_MEMBER(mxSmlDeviceInfo_t, type);
    PROBE_MEMBER(mxSmlDeviceInfo_t, bdfId);
    PROBE_MEMBER(mxSmlDeviceInfo_t, gpuId);
    PROBE_MEMBER(mxSmlDeviceInfo_t, nodeId);
    PROBE_MEMBER(mxSmlDeviceInfo_t, uuid);
    PROBE_MEMBER(mxSmlDeviceInfo_t, brand);
    PROBE_MEMBER(mxSmlDeviceInfo_t, mode);
    PROBE_MEMBER(mxSmlDeviceInfo_t, deviceName);

    PROBE_STRUCT(mxSmlMemoryInfo_t);
    PROBE_MEMBER(mxSmlMemoryInfo_t, visVramTotal);
    PROBE_MEMBER(mxSmlMemoryInfo_t, visVramUse);
    PROBE_MEMBER(mxSmlMemoryInfo_t, vramTotal);
    PROBE_MEMBER(mxSmlMemoryInfo_t, vramUse);
    PROBE_MEMBER(mxSmlMemoryInfo_t, xttTotal);
    PROBE_MEMBER(mxSmlMemoryInfo_t, xttUse);

    PROBE_STRUCT(mxSmlBoardWayElectricInfo_t);
    PROBE_MEMBER(mxSmlBoardWayElectricInfo_t, voltage);
    PROBE_MEMBER(mxSmlBoardWayElectricInfo_t, current);
    PROBE_MEMBER(mxSmlBoardWayElectricInfo_t, power);

    PROBE_STRUCT(mxSmlDeviceUnavailableReason_t);
    PROBE_MEMBER(mxSmlDeviceUnavailableReason_t, unavailableCode);
    PROBE_MEMBER(mxSmlDeviceUnavailableReason_t, unavailableReason);

    PROBE_CONST(MXSML_INSUFFICIENT_SIZE);
    PROBE_CONST(MXSML_OPERATION_NOT_SUPPORT);
    PROBE_CONST(MXSML_USAGE_XCORE);
    PROBE_CONST(MXSML_USAGE_DLA);
    PROBE_CONST(MXSML_BRAND_N);
    PROBE_CONST(MXSML_BRAND_C);
    return 0;
}
