package io.hami.testfixtures.nvml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.bindings.nvml.FfmNvml;
import io.hami.bindings.nvml.NvmlApi;
import java.util.Optional;
import org.junit.jupiter.api.Tag;

/**
 * The NVML contract against the machine's real driver ({@code libnvidia-ml.so.1}, or the library named by the
 * system property {@code hami.nvml.library}). Every test is skipped, with the reason, where there is no driver
 * or no GPU.
 *
 * <p>Once a test of this JVM has loaded the mock (its soname is also {@code libnvidia-ml.so.1}), the dynamic
 * linker hands the mock out for that bare name; that case is detected and skipped too. Run
 * {@code scripts/gpu-check.sh}, or {@code -Dgroups=gpu}, for a JVM that sees only the driver.
 */
@Tag("gpu")
class GpuNvmlContractTest extends NvmlContract {

    private static Optional<String> skipReason;

    @Override
    protected NvmlApi api() {
        var reason = skipReason();
        assumeTrue(reason.isEmpty(), () -> reason.orElseThrow());
        return FfmNvml.open(RealNvml.LIBRARY);
    }

    /** Why there is nothing to test here, or empty when a driver with a GPU answers; asked once per JVM. */
    private static synchronized Optional<String> skipReason() {
        if (skipReason == null) {
            skipReason = RealNvml.skipReason();
        }
        return skipReason;
    }
}
