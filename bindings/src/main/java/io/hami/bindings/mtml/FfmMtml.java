package io.hami.bindings.mtml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.LibraryLookup;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.NativeResult;
import io.hami.bindings.ffm.OutParams;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MtmlApi} over a {@code libmtml.so} (Moore Threads', or the mock) through FFM, opened once per process by
 * {@link #open(String)}. Every symbol is resolved once, optionally. The library object and the device objects
 * are held here between {@link #init()} and {@link #shutDown()}; sub-objects never outlive the call that made
 * them. Thread-safe.
 */
public final class FfmMtml implements MtmlApi {

    /** The name Moore Threads' Python binding opens. */
    public static final String DEFAULT_LIBRARY = "libmtml.so";

    private final String library;
    private final NativeCalls calls = new NativeCalls(MtmlReturn.STATUSES);
    private final MethodHandle mtmlLibraryInit;
    private final MethodHandle mtmlLibraryShutDown;
    private final MethodHandle mtmlLibraryCountDevice;
    private final MethodHandle mtmlLibraryInitDeviceByIndex;
    private final MethodHandle mtmlLibraryFreeDevice;
    private final MethodHandle mtmlDeviceGetUUID;
    private final MethodHandle mtmlDeviceGetName;
    private final MethodHandle mtmlDeviceGetSerialNumber;
    private final MethodHandle mtmlDeviceGetPciInfo;
    private final MethodHandle mtmlDeviceGetProperty;
    private final MethodHandle mtmlDeviceGetPowerUsage;
    private final MethodHandle mtmlDeviceInitMemory;
    private final MethodHandle mtmlMemoryGetTotal;
    private final MethodHandle mtmlMemoryGetUsed;
    private final MethodHandle mtmlDeviceFreeMemory;
    private final MethodHandle mtmlDeviceInitGpu;
    private final MethodHandle mtmlGpuGetUtilization;
    private final MethodHandle mtmlDeviceFreeGpu;
    private final Map<Integer, MemorySegment> devices = new ConcurrentHashMap<>();
    private volatile MemorySegment libraryObject = MemorySegment.NULL;

    private FfmMtml(String library, Downcalls d) {
        this.library = library;
        mtmlLibraryInit = d.bind("mtmlLibraryInit", Downcalls.PTR);
        mtmlLibraryShutDown = d.bind("mtmlLibraryShutDown", Downcalls.PTR);
        mtmlLibraryCountDevice = d.bind("mtmlLibraryCountDevice", Downcalls.PTR_PTR);
        mtmlLibraryInitDeviceByIndex = d.bind("mtmlLibraryInitDeviceByIndex", Downcalls.PTR_INT_PTR);
        mtmlLibraryFreeDevice = d.bind("mtmlLibraryFreeDevice", Downcalls.PTR);
        mtmlDeviceGetUUID = d.bind("mtmlDeviceGetUUID", Downcalls.PTR_PTR_INT);
        mtmlDeviceGetName = d.bind("mtmlDeviceGetName", Downcalls.PTR_PTR_INT);
        mtmlDeviceGetSerialNumber = d.bind("mtmlDeviceGetSerialNumber", Downcalls.status(ADDRESS, JAVA_INT, ADDRESS));
        mtmlDeviceGetPciInfo = d.bind("mtmlDeviceGetPciInfo", Downcalls.PTR_PTR);
        mtmlDeviceGetProperty = d.bind("mtmlDeviceGetProperty", Downcalls.PTR_PTR);
        mtmlDeviceGetPowerUsage = d.bind("mtmlDeviceGetPowerUsage", Downcalls.PTR_PTR);
        mtmlDeviceInitMemory = d.bind("mtmlDeviceInitMemory", Downcalls.PTR_PTR);
        mtmlMemoryGetTotal = d.bind("mtmlMemoryGetTotal", Downcalls.PTR_PTR);
        mtmlMemoryGetUsed = d.bind("mtmlMemoryGetUsed", Downcalls.PTR_PTR);
        mtmlDeviceFreeMemory = d.bind("mtmlDeviceFreeMemory", Downcalls.PTR);
        mtmlDeviceInitGpu = d.bind("mtmlDeviceInitGpu", Downcalls.PTR_PTR);
        mtmlGpuGetUtilization = d.bind("mtmlGpuGetUtilization", Downcalls.PTR_PTR);
        mtmlDeviceFreeGpu = d.bind("mtmlDeviceFreeGpu", Downcalls.PTR);
    }

    /**
     * The binding of {@code library}, opened on first use and shared afterwards.
     *
     * @throws io.hami.bindings.ffm.NativeLibraryException when it cannot be opened or is not MTML
     */
    public static FfmMtml open(String library) {
        return LibraryLookup.shared(FfmMtml.class, library, l -> new FfmMtml(l,
                new Downcalls(LibraryLookup.open(l, "an MTML library", "mtmlLibraryInit"), MtmlReturn.FUNCTION_NOT_FOUND.code())));
    }

    /** The library as it was asked for. */
    public String library() {
        return library;
    }

    @Override
    public synchronized NativeResult<Void> init() {
        return calls.out("mtmlLibraryInit", ADDRESS, out -> (int) mtmlLibraryInit.invokeExact(out), out -> {
            libraryObject = out.get(ADDRESS, 0);
            return null;
        });
    }

    @Override
    public synchronized NativeResult<Void> shutDown() {
        for (var device : devices.values()) {
            calls.status("mtmlLibraryFreeDevice", () -> (int) mtmlLibraryFreeDevice.invokeExact(device)).orThrow();
        }
        devices.clear();
        var lib = libraryObject;
        var r = calls.status("mtmlLibraryShutDown", () -> (int) mtmlLibraryShutDown.invokeExact(lib));
        if (r.ok()) {
            libraryObject = MemorySegment.NULL;
        }
        return r;
    }

    @Override
    public NativeResult<Integer> deviceCount() {
        return calls.intOut("mtmlLibraryCountDevice", out -> (int) mtmlLibraryCountDevice.invokeExact(libraryObject, out));
    }

    /** A second object made for the same index by a racing caller is freed at once. */
    @Override
    public NativeResult<MtmlDevice> device(int index) {
        var held = devices.get(index);
        if (held != null) {
            return calls.ok("mtmlLibraryInitDeviceByIndex", new MtmlDevice(held.address()));
        }
        return calls.out("mtmlLibraryInitDeviceByIndex", ADDRESS,
                out -> (int) mtmlLibraryInitDeviceByIndex.invokeExact(libraryObject, index, out), out -> {
                    var made = out.get(ADDRESS, 0);
                    var earlier = devices.putIfAbsent(index, made);
                    if (earlier != null) {
                        calls.status("mtmlLibraryFreeDevice", () -> (int) mtmlLibraryFreeDevice.invokeExact(made));
                    }
                    return new MtmlDevice((earlier != null ? earlier : made).address());
                });
    }

    private static MemorySegment address(MtmlDevice d) {
        return MemorySegment.ofAddress(d.handle());
    }

    @Override
    public NativeResult<String> uuid(MtmlDevice d) {
        int size = MtmlLayouts.MTML_DEVICE_UUID_BUFFER_SIZE;
        return calls.string("mtmlDeviceGetUUID", size, buf -> (int) mtmlDeviceGetUUID.invokeExact(address(d), buf, size));
    }

    @Override
    public NativeResult<String> name(MtmlDevice d) {
        int size = MtmlLayouts.MTML_DEVICE_NAME_BUFFER_SIZE;
        return calls.string("mtmlDeviceGetName", size, buf -> (int) mtmlDeviceGetName.invokeExact(address(d), buf, size));
    }

    /** The length goes before the buffer here, unlike every other MTML string getter. */
    @Override
    public NativeResult<String> serial(MtmlDevice d) {
        int size = MtmlLayouts.MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE;
        return calls.string("mtmlDeviceGetSerialNumber", size, buf -> (int) mtmlDeviceGetSerialNumber.invokeExact(address(d), size, buf));
    }

    @Override
    public NativeResult<MtmlPci> pci(MtmlDevice d) {
        return calls.out("mtmlDeviceGetPciInfo", MtmlLayouts.PCI_INFO, out -> (int) mtmlDeviceGetPciInfo.invokeExact(address(d), out),
                MtmlLayouts::pci);
    }

    @Override
    public NativeResult<Integer> propertyBits(MtmlDevice d) {
        return calls.out("mtmlDeviceGetProperty", MtmlLayouts.DEVICE_PROPERTY,
                out -> (int) mtmlDeviceGetProperty.invokeExact(address(d), out), MtmlLayouts::propertyBits);
    }

    @Override
    public NativeResult<Integer> powerMilliwatts(MtmlDevice d) {
        return calls.intOut("mtmlDeviceGetPowerUsage", out -> (int) mtmlDeviceGetPowerUsage.invokeExact(address(d), out));
    }

    @Override
    public NativeResult<MtmlMemory> memory(MtmlDevice d) {
        return withSubObject(d, "mtmlDeviceInitMemory", mtmlDeviceInitMemory, mtmlDeviceFreeMemory, (frame, m) -> {
            var total = frame.allocate(JAVA_LONG);
            var used = frame.allocate(JAVA_LONG);
            int rc = (int) mtmlMemoryGetTotal.invokeExact(m, total);
            if (rc != 0) {
                return calls.error("mtmlMemoryGetTotal", rc);
            }
            rc = (int) mtmlMemoryGetUsed.invokeExact(m, used);
            return calls.result("mtmlMemoryGetUsed", rc, () -> new MtmlMemory(total.get(JAVA_LONG, 0), used.get(JAVA_LONG, 0)));
        });
    }

    @Override
    public NativeResult<Integer> gpuUtilization(MtmlDevice d) {
        return withSubObject(d, "mtmlDeviceInitGpu", mtmlDeviceInitGpu, mtmlDeviceFreeGpu, (frame, g) -> {
            var utilization = frame.allocate(JAVA_INT);
            int rc = (int) mtmlGpuGetUtilization.invokeExact(g, utilization);
            return calls.result("mtmlGpuGetUtilization", rc, () -> utilization.get(JAVA_INT, 0));
        });
    }

    /** Queries of a sub-object, given the call's frame and the object. */
    @FunctionalInterface
    private interface SubObjectQuery<T> {
        NativeResult<T> query(OutParams frame, MemorySegment object) throws Throwable;
    }

    /**
     * {@code Init} a sub-object of the device, query it, {@code Free} it whatever the query answered: the object
     * never outlives the call. A failed {@code Free} can only leak inside the library, so its status is dropped.
     */
    private <T> NativeResult<T> withSubObject(MtmlDevice d, String initSymbol, MethodHandle init, MethodHandle free,
                                              SubObjectQuery<T> query) {
        return calls.frame(frame -> {
            var out = frame.allocate(ADDRESS);
            int rc = (int) init.invokeExact(address(d), out);
            if (rc != 0) {
                return calls.error(initSymbol, rc);
            }
            var object = out.get(ADDRESS, 0);
            try {
                return query.query(frame, object);
            } finally {
                int ignored = (int) free.invokeExact(object);
            }
        });
    }

    @Override
    public String toString() {
        return "FfmMtml[" + library + "]";
    }
}
