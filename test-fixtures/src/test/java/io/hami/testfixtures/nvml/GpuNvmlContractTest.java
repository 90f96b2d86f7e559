package io.hami.testfixtures.nvml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.bindings.nvml.FfmNvml;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlApi;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlLibraryException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
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

    private static final String LIBRARY = System.getProperty("hami.nvml.library", FfmNvml.DEFAULT_LIBRARY);
    private static Optional<String> skipReason;

    @Override
    protected NvmlApi api() {
        var reason = skipReason();
        assumeTrue(reason.isEmpty(), () -> reason.orElseThrow());
        return FfmNvml.open(LIBRARY);
    }

    /** Why there is nothing to test here, or empty when a driver with a GPU answers. */
    private static synchronized Optional<String> skipReason() {
        if (skipReason == null) {
            skipReason = probe();
        }
        return skipReason;
    }

    @SuppressWarnings("restricted")
    private static Optional<String> probe() {
        FfmNvml api;
        try {
            api = FfmNvml.open(LIBRARY);
        } catch (NvmlLibraryException e) {
            return Optional.of("no NVIDIA driver: " + e.getMessage());
        }
        if (SymbolLookup.libraryLookup(LIBRARY, Arena.global()).find("hamiMockNvmlUseProfile").isPresent()) {
            return Optional.of(LIBRARY + " resolves to the hami NVML mock already loaded in this JVM, not to a driver");
        }
        var nvml = new Nvml(api, Path.of("/sys"));
        try (var _ = nvml.start()) {
            return nvml.deviceCount() > 0 ? Optional.empty() : Optional.of("the NVIDIA driver reports no GPU");
        } catch (NvmlException e) {
            return Optional.of("NVML does not initialize: " + e.getMessage());
        }
    }
}
