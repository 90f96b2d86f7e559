package io.hami.testfixtures.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.nvml.FfmNvml;
import io.hami.bindings.nvml.MemoryInfo;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlLibraryException;
import io.hami.bindings.nvml.NvmlResult;
import io.hami.bindings.nvml.NvmlReturn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What only the C mock can show: the FFM path itself (symbols, layouts, libraries, threads). */
class MockNvmlTest {

    private static final long MIB = 1024L * 1024L;

    @Test
    void anOlderDriverIsCalledThroughItsPlainSymbolsWithTheirLayouts() {
        var mock = NvmlMock.withoutVersionedSymbols().useProfile(NvmlProfile.EIGHT_A100);
        var api = mock.api();
        assertThat(api.exports("nvmlInit_v2")).isFalse();
        assertThat(api.exports("nvmlInit")).isTrue();
        var nvml = new Nvml(api, Path.of("/nonexistent-sysfs"));
        try (var _ = nvml.start()) {
            assertThat(api.deviceCount().symbol()).isEqualTo("nvmlDeviceGetCount");
            var d = nvml.device(0);
            assertThat(api.deviceHandleByIndex(0).symbol()).isEqualTo("nvmlDeviceGetHandleByIndex");
            assertThatThrownBy(() -> api.deviceMemoryInfoV2(d).orThrow())
                    .hasMessage("nvmlDeviceGetMemoryInfo_v2 failed: FUNCTION_NOT_FOUND (13)");
            assertThat(nvml.memory(d)).contains(new MemoryInfo(40960 * MIB, (40960 - 2048 - 425) * MIB, (2048 + 425) * MIB,
                    OptionalLong.empty()));
            var processes = api.deviceComputeRunningProcesses(d);
            assertThat(processes.symbol()).isEqualTo("nvmlDeviceGetComputeRunningProcesses");
            assertThat(processes.value()).extracting(p -> p.pid()).containsExactly(4242L, 4243L);
            assertThat(processes.value()).extracting(p -> p.usedGpuMemory().getAsLong()).containsExactly(1536 * MIB, 512 * MIB);
            assertThat(processes.value()).allSatisfy(p -> assertThat(p.gpuInstanceId()).isEmpty());
            assertThatThrownBy(() -> nvml.pciInfo(d)).hasMessage("nvmlDeviceGetPciInfo_v3 failed: FUNCTION_NOT_FOUND (13)");
            assertThat(nvml.cudaDriverVersion()).isEqualTo(12040);
            try (var watch = nvml.watch()) {
                watch.registerHealthEvents(d);
                assertThatThrownBy(() -> watch.next(Duration.ofMillis(1)))
                        .hasMessage("nvmlEventSetWait_v2 failed: FUNCTION_NOT_FOUND (13)");
            }
        }
    }

    @Test
    void theRecordFreeMemoryCallPacksAMissingSymbolsStatusAndUnpacksToItsClearError() {
        var mock = NvmlMock.withoutVersionedSymbols().useProfile(NvmlProfile.EIGHT_A100);
        var api = mock.api();
        var nvml = new Nvml(api, Path.of("/nonexistent-sysfs"));
        try (var _ = nvml.start()) {
            var d = nvml.device(0);
            long packed = api.deviceMemoryUsedV2(d);
            assertThat(NvmlResult.failed(packed)).isTrue();
            assertThat(NvmlResult.failureCode(packed)).isEqualTo(NvmlReturn.FUNCTION_NOT_FOUND.code());
            assertThatThrownBy(() -> NvmlResult.unpack("nvmlDeviceGetMemoryInfo_v2", packed).orThrow())
                    .hasMessage("nvmlDeviceGetMemoryInfo_v2 failed: FUNCTION_NOT_FOUND (13)");
            assertThat(api.deviceMemoryUsed(d)).isEqualTo((2048 + 425) * MIB);
        }
    }

    @Test
    void aMissingFunctionIsNamedButDoesNotMakeTheDeviceUnhealthy() {
        var nvml = new Nvml(NvmlMock.withoutVersionedSymbols().useProfile(NvmlProfile.EIGHT_A100).api(), Path.of("/x"));
        try (var _ = nvml.start()) {
            var first = nvml.survey().getFirst();
            assertThat(first.healthy()).isTrue();
            assertThat(first.pciBusId()).isEmpty();
            assertThat(first.memoryTotalMiB()).isEqualTo(OptionalLong.of(40960));
            assertThat(first.problems()).containsExactly(
                    "device 0 (GPU-a1000000-5e1d-4c2b-9f3a-7d6e5c4b3a20): nvmlDeviceGetPciInfo_v3 failed: FUNCTION_NOT_FOUND (13)");
        }
    }

    @Test
    void aLibraryThatCannotBeOpenedIsNamed() {
        assertThatThrownBy(() -> FfmNvml.open("/nonexistent/libnvidia-ml.so.1"))
                .isInstanceOf(NvmlLibraryException.class)
                .hasMessage("/nonexistent/libnvidia-ml.so.1: cannot open shared object file");
        var executable = NvmlMock.nativeDir().resolve("nvml-bench").toString();
        assertThatThrownBy(() -> FfmNvml.open(executable)).hasMessage(executable + ": not a shared library this machine can load");
    }

    @Test
    void aLibraryThatIsNotNvmlIsNamed() {
        var path = NvmlMock.notNvmlLibrary().toString();
        assertThatThrownBy(() -> FfmNvml.open(path))
                .isInstanceOf(NvmlLibraryException.class)
                .hasMessage(path + ": not an NVML library (it exports neither nvmlInit_v2 nor nvmlInit)");
    }

    @Test
    void eachLibraryIsOpenedOnce() {
        assertThat(FfmNvml.open(NvmlMock.current().library())).isSameAs(NvmlMock.current().api());
    }

    @Test
    void theProfileCannotChangeWhileInitialized() {
        var mock = NvmlMock.current().useProfile(NvmlProfile.EIGHT_A100);
        var nvml = new Nvml(mock.api(), Path.of("/sys"));
        try (var _ = nvml.start()) {
            assertThat(mock.tryUseProfileText(NvmlProfile.load(NvmlProfile.MIG_A100).text())).isEqualTo(NvmlReturn.IN_USE.code());
            assertThat(mock.lastError()).contains("while the library is initialized");
        }
    }

    @Test
    void processListsLongerThanTheFirstGuessAreReadWhole() {
        var procs = IntStream.range(0, 64).mapToObj(i -> "{\"pid\": " + (1000 + i) + ", \"usedMiB\": " + i + "}")
                .collect(Collectors.joining(", "));
        var text = NvmlProfile.load(NvmlProfile.EIGHT_A100).text()
                .replaceFirst("\"processes\": \\[[^]]*]", "\"processes\": [" + procs + "]");
        var nvml = new Nvml(NvmlMock.current().useProfileText(text).api(), Path.of("/sys"));
        try (var _ = nvml.start()) {
            var list = nvml.computeProcesses(nvml.device(0)).orElseThrow();
            assertThat(list).hasSize(64);
            assertThat(list.getLast().pid()).isEqualTo(1063);
            assertThat(list.getLast().usedGpuMemory()).isEqualTo(OptionalLong.of(63 * MIB));
        }
    }

    @Test
    void concurrentCallsAndSessionsAgree() throws Exception {
        var mock = NvmlMock.current().useProfile(NvmlProfile.EIGHT_A100);
        var nvml = new Nvml(mock.api(), Path.of("/sys"));
        var tasks = new ArrayList<Callable<Long>>();
        for (int t = 0; t < 8; t++) {
            int index = t;
            tasks.add(() -> {
                long sum = 0;
                for (int i = 0; i < 500; i++) {
                    try (var _ = nvml.start()) {
                        var d = nvml.device(index);
                        assertThat(nvml.minor(d)).isEqualTo(index);
                        sum += nvml.memory(d).orElseThrow().totalMiB();
                    }
                }
                return sum;
            });
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(500L * 40960);
            }
        }
        assertThat(nvml.sessions()).isZero();
        assertThat(mock.initCount()).isZero();
    }
}
