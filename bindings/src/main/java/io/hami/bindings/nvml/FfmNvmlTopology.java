package io.hami.bindings.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.NativeCalls;
import java.lang.invoke.MethodHandle;

/** The topology calls of {@link FfmNvml}: common ancestor, P2P status, and each NVLink's state and far end. */
final class FfmNvmlTopology {

    private final MethodHandle nvmlDeviceGetTopologyCommonAncestor;
    private final MethodHandle nvmlDeviceGetP2PStatus;
    private final MethodHandle nvmlDeviceGetNvLinkState;
    private final MethodHandle nvmlDeviceGetNvLinkRemotePciInfo_v2;
    private final MethodHandle nvmlDeviceGetNvLinkRemoteDeviceType;
    private final NativeCalls calls;

    FfmNvmlTopology(Downcalls d, NativeCalls calls) {
        this.calls = calls;
        nvmlDeviceGetTopologyCommonAncestor = d.bind("nvmlDeviceGetTopologyCommonAncestor", Downcalls.PTR_PTR_PTR);
        nvmlDeviceGetP2PStatus = d.bind("nvmlDeviceGetP2PStatus", Downcalls.status(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        nvmlDeviceGetNvLinkState = d.bind("nvmlDeviceGetNvLinkState", Downcalls.PTR_INT_PTR);
        nvmlDeviceGetNvLinkRemotePciInfo_v2 = d.bind("nvmlDeviceGetNvLinkRemotePciInfo_v2", Downcalls.PTR_INT_PTR);
        nvmlDeviceGetNvLinkRemoteDeviceType = d.bind("nvmlDeviceGetNvLinkRemoteDeviceType", Downcalls.PTR_INT_PTR);
    }

    NvmlResult<Integer> commonAncestor(NvmlDevice a, NvmlDevice b) {
        return NvmlResult.of(calls.intOut("nvmlDeviceGetTopologyCommonAncestor",
                out -> (int) nvmlDeviceGetTopologyCommonAncestor.invokeExact(FfmNvml.address(a), FfmNvml.address(b), out)));
    }

    NvmlResult<P2PStatus> p2pStatus(NvmlDevice a, NvmlDevice b, P2PCapability capability) {
        int index = capability.code();
        return NvmlResult.of(calls.intOut("nvmlDeviceGetP2PStatus",
                out -> (int) nvmlDeviceGetP2PStatus.invokeExact(FfmNvml.address(a), FfmNvml.address(b), index, out)))
                .map(P2PStatus::fromCode);
    }

    NvmlResult<Boolean> nvLinkActive(NvmlDevice d, int link) {
        return NvmlResult.of(calls.intOut("nvmlDeviceGetNvLinkState",
                out -> (int) nvmlDeviceGetNvLinkState.invokeExact(FfmNvml.address(d), link, out))).map(s -> s == 1);
    }

    NvmlResult<PciInfo> nvLinkRemotePciInfo(NvmlDevice d, int link) {
        return NvmlResult.of(calls.out("nvmlDeviceGetNvLinkRemotePciInfo_v2", NvmlLayouts.PCI_INFO,
                out -> (int) nvmlDeviceGetNvLinkRemotePciInfo_v2.invokeExact(FfmNvml.address(d), link, out),
                NvmlLayouts::pci));
    }

    NvmlResult<NvLinkRemote> nvLinkRemoteDeviceType(NvmlDevice d, int link) {
        return NvmlResult.of(calls.intOut("nvmlDeviceGetNvLinkRemoteDeviceType",
                out -> (int) nvmlDeviceGetNvLinkRemoteDeviceType.invokeExact(FfmNvml.address(d), link, out)))
                .map(NvLinkRemote::fromCode);
    }
}
