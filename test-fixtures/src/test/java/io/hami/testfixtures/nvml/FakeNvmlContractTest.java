package io.hami.testfixtures.nvml;

import io.hami.bindings.nvml.NvmlApi;

/** The NVML contract against the Java fake of the 8 × A100 machine. */
class FakeNvmlContractTest extends NvmlContract {
    @Override
    protected NvmlApi api() {
        return FakeNvml.eightA100();
    }
}
