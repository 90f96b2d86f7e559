package io.hami.benchmarks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.nvml.FfmNvml;
import io.hami.bindings.nvml.NvmlDevice;
import io.hami.bindings.nvml.NvmlResult;
import io.hami.bindings.nvml.MemoryInfo;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one {@code nvmlDeviceGetMemoryInfo_v2} call into the C mock: through our binding
 * ({@link FfmNvml#deviceMemoryInfoV2}: confined arena, downcall, copy into a record) against the same call made
 * from a C loop ({@code hami_nvml_bench_memory_v2} of {@code libnvml-bench.so}, 1000 calls per invocation). A
 * third, diagnostic, case is the bare downcall into a preallocated segment, without arena or record.
 *
 * <p>Needs the test-fixtures build. Run from the repository root:
 * {@code java -jar benchmarks/target/benchmarks.jar NvmlCallBenchmark}, or elsewhere with
 * {@code -p nativeDir=<repo>/test-fixtures/target/native -p profile=<repo>/.../a100x8.json}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NvmlCallBenchmark {

    private static final int C_CALLS = 1000;

    /** Where the test-fixtures build put the mock; default {@code hami.native.dir} or test-fixtures/target/native. */
    @Param("")
    public String nativeDir;

    /** The machine profile; default the 8 × A100 one of test-fixtures. */
    @Param("")
    public String profile;

    private FfmNvml nvml;
    private NvmlDevice device;
    private MemorySegment deviceAddress;
    private MethodHandle hami_nvml_bench_memory_v2;
    private MethodHandle nvmlDeviceGetMemoryInfo_v2;
    private MemorySegment preallocated;

    @Setup
    @SuppressWarnings("restricted")
    public void setUp() throws Throwable {
        var dir = Path.of(!nativeDir.isEmpty() ? nativeDir : System.getProperty("hami.native.dir", "test-fixtures/target/native"));
        var profileFile = Path.of(!profile.isEmpty() ? profile : "test-fixtures/src/main/resources/nvml-profiles/a100x8.json");
        var library = dir.resolve("libnvidia-ml.so.1").toAbsolutePath().toString();
        var linker = Linker.nativeLinker();
        var mock = SymbolLookup.libraryLookup(Path.of(library), Arena.global());
        useProfile(linker, mock, profileFile);
        nvml = FfmNvml.open(library);
        nvml.init().orThrow();
        device = nvml.deviceHandleByIndex(0).orThrow();
        deviceAddress = MemorySegment.ofAddress(device.handle());
        var harness = SymbolLookup.libraryLookup(dir.resolve("libnvml-bench.so"), Arena.global());
        hami_nvml_bench_memory_v2 = linker.downcallHandle(harness.findOrThrow("hami_nvml_bench_memory_v2"),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        nvmlDeviceGetMemoryInfo_v2 = linker.downcallHandle(mock.findOrThrow("nvmlDeviceGetMemoryInfo_v2"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        preallocated = Arena.global().allocate(40, 8);
        if ((long) hami_nvml_bench_memory_v2.invokeExact(deviceAddress, 1L) == -1L) {
            throw new IllegalStateException("the C harness's call failed");
        }
    }

    @SuppressWarnings("restricted")
    private static void useProfile(Linker linker, SymbolLookup mock, Path profileFile) throws Throwable {
        var set = linker.downcallHandle(mock.findOrThrow("hamiMockNvmlUseProfile"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        String text;
        try {
            text = Files.readString(profileFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the profile " + profileFile.toAbsolutePath() + " (run from the repository root or pass -p profile=...)", e);
        }
        try (var arena = Arena.ofConfined()) {
            int rc = (int) set.invokeExact(arena.allocateFrom(text));
            if (rc != 0) {
                throw new IllegalStateException("the mock rejects " + profileFile + ": status " + rc);
            }
        }
    }

    @TearDown
    public void tearDown() {
        nvml.shutdown().orThrow();
    }

    /** One call through our binding, as the daemons make it. */
    @Benchmark
    public NvmlResult<MemoryInfo> binding() {
        return nvml.deviceMemoryInfoV2(device);
    }

    /**
     * The same call through the binding's record-free path ({@link FfmNvml#deviceMemoryUsedV2}), the one the
     * monitor's scrape takes: the used bytes, or the failure packed into the same {@code long}.
     */
    @Benchmark
    public long bindingUsed() {
        return nvml.deviceMemoryUsedV2(device);
    }

    /** One call from C, measured over a C loop of 1000 calls. */
    @Benchmark
    @OperationsPerInvocation(C_CALLS)
    public long cLoop() throws Throwable {
        return (long) hami_nvml_bench_memory_v2.invokeExact(deviceAddress, (long) C_CALLS);
    }

    /** Diagnostic: a confined arena and one allocation per call around the downcall, but no record. */
    @Benchmark
    public long arenaAndDowncall() throws Throwable {
        try (var arena = Arena.ofConfined()) {
            var out = arena.allocate(40, 8);
            out.set(JAVA_INT, 0, 0x02000028);
            int rc = (int) nvmlDeviceGetMemoryInfo_v2.invokeExact(deviceAddress, out);
            return rc + out.get(JAVA_LONG, 24);
        }
    }

    /** Diagnostic: the downcall alone, into memory allocated once, read back without a record. */
    @Benchmark
    public long bareDowncall() throws Throwable {
        preallocated.set(JAVA_INT, 0, 0x02000028);
        int rc = (int) nvmlDeviceGetMemoryInfo_v2.invokeExact(deviceAddress, preallocated);
        return rc + preallocated.get(JAVA_LONG, 24);
    }
}
