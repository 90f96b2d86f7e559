package io.hami.testfixtures.nvml;

import io.hami.bindings.nvml.NvmlApi;

/** The NVML contract against the C mock of the 8 × A100 machine, through our FFM binding. */
class MockNvmlContractTest extends NvmlContract {
    @Override
    protected NvmlApi api() {
        return NvmlMock.current().useProfile(NvmlProfile.EIGHT_A100).api();
    }
}
