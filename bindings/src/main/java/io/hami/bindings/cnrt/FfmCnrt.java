package io.hami.bindings.cnrt;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.ffm.CStrings;
import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.LibraryLookup;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.NativeResult;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@link CnrtApi} over a {@code libcnrt.so} (Cambricon's, or the mock) through FFM, opened once per process by
 * {@link #open(String)}. Every symbol is resolved once, optionally. A library without {@value #MARKER} (CNRT 4,
 * whose memory call takes a channel) is refused when opened. Thread-safe.
 */
public final class FfmCnrt implements CnrtApi {

    /** The symbol a CNRT library of the API we bind (5 and later) exports and CNRT 4 does not. */
    public static final String MARKER = "cnrtMemGetInfo";

    /** cnrtRet_t f(T *out, int device): CNRT puts the device last. */
    private static final FunctionDescriptor OUT_DEVICE = Downcalls.status(ADDRESS, JAVA_INT);
    private static final String PROPERTIES_V3 = "cnrtGetDeviceProperties_V3";
    private static final String ERROR_STRING = "cnrtGetErrorStr";

    private final String library;
    private final NativeCalls calls = new NativeCalls(CnrtReturn.STATUSES);
    private final Downcalls downcalls;
    private final MethodHandle cnrtGetErrorStr;
    private final MethodHandle cnrtDriverGetVersion;
    private final MethodHandle cnrtGetLibVersion;
    private final MethodHandle cnrtGetDeviceCount;
    private final MethodHandle cnrtGetDeviceProperties_V3;
    private final MethodHandle cnrtGetDeviceProperties;
    private final MethodHandle cnrtDeviceGetPCIBusId;
    private final MethodHandle cnrtGetDevice;
    private final MethodHandle cnrtSetDevice;
    private final MethodHandle cnrtMemGetInfo;

    private FfmCnrt(String library, Downcalls d) {
        this.library = library;
        this.downcalls = d;
        cnrtGetErrorStr = d.bind(ERROR_STRING, FunctionDescriptor.of(ADDRESS, JAVA_INT));
        cnrtDriverGetVersion = d.bind("cnrtDriverGetVersion", Downcalls.PTR_PTR_PTR);
        cnrtGetLibVersion = d.bind("cnrtGetLibVersion", Downcalls.PTR_PTR_PTR);
        cnrtGetDeviceCount = d.bind("cnrtGetDeviceCount", Downcalls.PTR);
        cnrtGetDeviceProperties_V3 = d.bind(PROPERTIES_V3, OUT_DEVICE);
        cnrtGetDeviceProperties = d.bind("cnrtGetDeviceProperties", OUT_DEVICE);
        cnrtDeviceGetPCIBusId = d.bind("cnrtDeviceGetPCIBusId", Downcalls.status(ADDRESS, JAVA_INT, JAVA_INT));
        cnrtGetDevice = d.bind("cnrtGetDevice", Downcalls.PTR);
        cnrtSetDevice = d.bind("cnrtSetDevice", Downcalls.status(JAVA_INT));
        cnrtMemGetInfo = d.bind("cnrtMemGetInfo", Downcalls.PTR_PTR);
    }

    /**
     * The binding of {@code library} (a name the dynamic linker searches for, or a path), opened on first use and
     * shared afterwards.
     *
     * @throws io.hami.bindings.ffm.NativeLibraryException when it cannot be opened or is not CNRT 5 or later
     */
    public static FfmCnrt open(String library) {
        return LibraryLookup.shared(FfmCnrt.class, library, l -> new FfmCnrt(l,
                new Downcalls(LibraryLookup.open(l, "a CNRT (5 or later) library", MARKER), CnrtReturn.FUNCTION_NOT_FOUND.code())));
    }

    /** The library as it was asked for. */
    public String library() {
        return library;
    }

    /** Whether the library exports {@code symbol} (among those this binding uses). */
    public boolean exports(String symbol) {
        return downcalls.exports(symbol);
    }

    @Override
    public NativeResult<String> driverVersion() {
        return version("cnrtDriverGetVersion", cnrtDriverGetVersion);
    }

    @Override
    public NativeResult<String> libVersion() {
        return version("cnrtGetLibVersion", cnrtGetLibVersion);
    }

    @Override
    public NativeResult<Integer> deviceCount() {
        return calls.intOut("cnrtGetDeviceCount", out -> (int) cnrtGetDeviceCount.invokeExact(out));
    }

    @Override
    public NativeResult<CnrtDeviceProperties> properties(int device) {
        return calls.out(PROPERTIES_V3, CnrtLayouts.DEVICE_PROP,
                out -> (int) cnrtGetDeviceProperties_V3.invokeExact(out, device), CnrtLayouts::properties);
    }

    /** Asked with room for the whole V3 struct, in case an older library fills more than the name we read. */
    @Override
    public NativeResult<String> name(int device) {
        return calls.out("cnrtGetDeviceProperties", CnrtLayouts.DEVICE_PROP,
                out -> (int) cnrtGetDeviceProperties.invokeExact(out, device), CnrtLayouts::name);
    }

    @Override
    public NativeResult<String> pciBusId(int device) {
        return calls.string("cnrtDeviceGetPCIBusId", CnrtLayouts.PCI_BUS_ID_SIZE,
                out -> (int) cnrtDeviceGetPCIBusId.invokeExact(out, CnrtLayouts.PCI_BUS_ID_SIZE, device));
    }

    @Override
    public NativeResult<Integer> currentDevice() {
        return calls.intOut("cnrtGetDevice", out -> (int) cnrtGetDevice.invokeExact(out));
    }

    @Override
    public NativeResult<Void> setDevice(int device) {
        return calls.status("cnrtSetDevice", () -> (int) cnrtSetDevice.invokeExact(device));
    }

    @Override
    public NativeResult<CnrtMemory> memoryInfo() {
        return calls.frame(frame -> {
            var free = frame.allocate(JAVA_LONG);
            var total = frame.allocate(JAVA_LONG);
            int rc = (int) cnrtMemGetInfo.invokeExact(free, total);
            return calls.result("cnrtMemGetInfo", rc, () -> new CnrtMemory(free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)));
        });
    }

    /** The one call that answers a pointer: NULL is its only failure. */
    @Override
    public NativeResult<String> errorString(int code) {
        if (!exports(ERROR_STRING)) {
            return calls.error(ERROR_STRING, CnrtReturn.FUNCTION_NOT_FOUND.code());
        }
        try {
            var text = (MemorySegment) cnrtGetErrorStr.invokeExact(code);
            return text.equals(MemorySegment.NULL) ? calls.<String>error(ERROR_STRING, CnrtReturn.NOT_FOUND.code())
                    .withNote("it answered NULL") : calls.ok(ERROR_STRING, CStrings.fromPointer(text, CnrtLayouts.ERROR_STRING_SIZE));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    @Override
    public String toString() {
        return "FfmCnrt[" + library + "]";
    }

    private NativeResult<String> version(String symbol, MethodHandle handle) {
        return calls.frame(frame -> {
            var major = frame.allocate(JAVA_INT);
            var minor = frame.allocate(JAVA_INT);
            var patch = frame.allocate(JAVA_INT);
            int rc = (int) handle.invokeExact(major, minor, patch);
            return calls.result(symbol, rc, () -> major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0) + "." + patch.get(JAVA_INT, 0));
        });
    }
}
