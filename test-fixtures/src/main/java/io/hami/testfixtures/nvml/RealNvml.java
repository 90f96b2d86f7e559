package io.hami.testfixtures.nvml;

import io.hami.bindings.nvml.FfmNvml;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlLibraryException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine's real NVML for the tests tagged {@code gpu}: the library of the system property
 * {@code hami.nvml.library} (default {@code libnvidia-ml.so.1}), and why there is nothing to test here when there is
 * no driver, no GPU, or only our mock under the driver's name.
 */
public final class RealNvml {

    /** The library the {@code gpu} tests open. */
    public static final String LIBRARY = System.getProperty("hami.nvml.library", FfmNvml.DEFAULT_LIBRARY);

    private RealNvml() {
    }

    /** Why a real-GPU test must be skipped; empty when a driver with at least one GPU answers. */
    @SuppressWarnings("restricted")
    public static Optional<String> skipReason() {
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
