package io.hami.bindings.ixml;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.LibraryLookup;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.NativeResult;
import io.hami.bindings.nvml.NvmlDevice;
import io.hami.bindings.nvml.NvmlReturn;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.function.BiFunction;

/**
 * {@link IxmlApi} over a {@code libixml.so} (Iluvatar's, or the mock) through FFM, opened once per process by
 * {@link #open(String)}; the library must export one of IXML's own names. Thread-safe.
 */
public final class FfmIxml implements IxmlApi {

    /** The name go-ixml opens; Iluvatar's images put the library under {@code /usr/local/corex/lib64}. */
    public static final String DEFAULT_LIBRARY = "libixml.so";

    private final String library;
    private final NativeCalls calls = new NativeCalls(NvmlReturn.STATUSES);
    private final MethodHandle ixmlDeviceGetHealth;
    private final MethodHandle ixmlDeviceGetBoardPosition;
    private final MethodHandle ixmlDeviceGetGPUVoltage;
    private final MethodHandle ixmlDeviceGetEccErros;

    private FfmIxml(String library, Downcalls d) {
        this.library = library;
        ixmlDeviceGetHealth = d.bind("ixmlDeviceGetHealth", Downcalls.PTR_PTR);
        ixmlDeviceGetBoardPosition = d.bind("ixmlDeviceGetBoardPosition", Downcalls.PTR_PTR);
        ixmlDeviceGetGPUVoltage = d.bind("ixmlDeviceGetGPUVoltage", Downcalls.PTR_PTR_PTR);
        ixmlDeviceGetEccErros = d.bind("ixmlDeviceGetEccErros", Downcalls.PTR_PTR_PTR);
    }

    /**
     * The binding of {@code library}, opened on first use and shared afterwards.
     *
     * @throws io.hami.bindings.ffm.NativeLibraryException when it cannot be opened or is not IXML
     */
    public static FfmIxml open(String library) {
        return LibraryLookup.shared(FfmIxml.class, library, l -> new FfmIxml(l, new Downcalls(
                LibraryLookup.open(l, "an IXML library", "ixmlDeviceGetHealth", "ixmlDeviceGetBoardPosition"),
                NvmlReturn.FUNCTION_NOT_FOUND.code())));
    }

    /** The library as it was asked for. */
    public String library() {
        return library;
    }

    private static MemorySegment address(NvmlDevice d) {
        return MemorySegment.ofAddress(d.handle());
    }

    @Override
    public NativeResult<Long> health(NvmlDevice d) {
        return calls.longOut("ixmlDeviceGetHealth", out -> (int) ixmlDeviceGetHealth.invokeExact(address(d), out));
    }

    @Override
    public NativeResult<Integer> boardPosition(NvmlDevice d) {
        return calls.intOut("ixmlDeviceGetBoardPosition", out -> (int) ixmlDeviceGetBoardPosition.invokeExact(address(d), out));
    }

    /** Volts come as an integer part and a decimal part in millivolts: 0.85 V is (0, 850). */
    @Override
    public NativeResult<Integer> voltageMillivolts(NvmlDevice d) {
        return twoInts("ixmlDeviceGetGPUVoltage", ixmlDeviceGetGPUVoltage, d, (integer, decimal) -> integer * 1000 + decimal);
    }

    @Override
    public NativeResult<IxmlEccErrors> eccErrors(NvmlDevice d) {
        return twoInts("ixmlDeviceGetEccErros", ixmlDeviceGetEccErros, d,
                (single, dual) -> new IxmlEccErrors(Integer.toUnsignedLong(single), Integer.toUnsignedLong(dual)));
    }

    /** {@code f(device, unsigned int *a, unsigned int *b)}, both read on success. */
    private <T> NativeResult<T> twoInts(String symbol, MethodHandle h, NvmlDevice d, BiFunction<Integer, Integer, T> read) {
        return calls.frame(frame -> {
            var a = frame.allocate(JAVA_INT);
            var b = frame.allocate(JAVA_INT);
            int rc = (int) h.invokeExact(address(d), a, b);
            return calls.result(symbol, rc, () -> read.apply(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0)));
        });
    }

    @Override
    public String toString() {
        return "FfmIxml[" + library + "]";
    }
}
