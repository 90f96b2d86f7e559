package io.hami.bindings.hygon;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.LibraryLookup;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.NativeResult;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * {@link HydmiApi} over a {@code libhydmi.so.1} (Hygon's, or the mock) through FFM, opened once per process by
 * {@link #open(String)}. The library's symbols carry the ELF version {@code DMI_1}; a plain lookup finds that
 * default version. Thread-safe.
 */
public final class FfmHydmi implements HydmiApi {

    /** The soname of Hygon's vDCU library. */
    public static final String DEFAULT_LIBRARY = "libhydmi.so.1";

    private final String library;
    private final NativeCalls calls = new NativeCalls(DmiReturn.STATUSES);
    private final MethodHandle dmiGetDeviceCount;
    private final MethodHandle dmiGetDeviceInfo;
    private final MethodHandle dmiGetMaxVDeviceCount;
    private final MethodHandle dmiGetVDeviceCount;
    private final MethodHandle dmiGetDeviceRemainingInfo;
    private final MethodHandle dmiCreateVDevices;
    private final MethodHandle dmiDestroyVDevices;
    private final MethodHandle dmiGetVDeviceInfo;

    private FfmHydmi(String library, Downcalls d) {
        this.library = library;
        dmiGetDeviceCount = d.bind("dmiGetDeviceCount", Downcalls.PTR);
        dmiGetDeviceInfo = d.bind("dmiGetDeviceInfo", Downcalls.INDEX_PTR);
        dmiGetMaxVDeviceCount = d.bind("dmiGetMaxVDeviceCount", Downcalls.PTR);
        dmiGetVDeviceCount = d.bind("dmiGetVDeviceCount", Downcalls.PTR);
        dmiGetDeviceRemainingInfo = d.bind("dmiGetDeviceRemainingInfo", Downcalls.status(JAVA_INT, ADDRESS, ADDRESS));
        dmiCreateVDevices = d.bind("dmiCreateVDevices", Downcalls.status(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        dmiDestroyVDevices = d.bind("dmiDestroyVDevices", Downcalls.status(JAVA_INT));
        dmiGetVDeviceInfo = d.bind("dmiGetVDeviceInfo", Downcalls.INDEX_PTR);
    }

    /**
     * The binding of {@code library}, opened on first use and shared afterwards.
     *
     * @throws io.hami.bindings.ffm.NativeLibraryException when it cannot be opened or is not hydmi
     */
    public static FfmHydmi open(String library) {
        return LibraryLookup.shared(FfmHydmi.class, library, l -> new FfmHydmi(l,
                new Downcalls(LibraryLookup.open(l, "a hydmi library", "dmiGetDeviceCount"), DmiReturn.FUNCTION_NOT_FOUND.code())));
    }

    /** The library as it was asked for. */
    public String library() {
        return library;
    }

    @Override
    public NativeResult<Integer> deviceCount() {
        return calls.intOut("dmiGetDeviceCount", out -> (int) dmiGetDeviceCount.invokeExact(out));
    }

    @Override
    public NativeResult<DmiDeviceInfo> deviceInfo(int device) {
        return calls.out("dmiGetDeviceInfo", HygonLayouts.DMI_DEVICE_INFO, out -> (int) dmiGetDeviceInfo.invokeExact(device, out),
                HygonLayouts::deviceInfo);
    }

    @Override
    public NativeResult<Integer> maxVdcuCount() {
        return calls.intOut("dmiGetMaxVDeviceCount", out -> (int) dmiGetMaxVDeviceCount.invokeExact(out));
    }

    @Override
    public NativeResult<Integer> vdcuCount() {
        return calls.intOut("dmiGetVDeviceCount", out -> (int) dmiGetVDeviceCount.invokeExact(out));
    }

    @Override
    public NativeResult<DmiRemaining> remaining(int device) {
        return calls.frame(frame -> {
            var cus = frame.allocate(JAVA_LONG);
            var memory = frame.allocate(JAVA_LONG);
            int rc = (int) dmiGetDeviceRemainingInfo.invokeExact(device, cus, memory);
            return calls.result("dmiGetDeviceRemainingInfo", rc, () -> new DmiRemaining(cus.get(JAVA_LONG, 0), memory.get(JAVA_LONG, 0)));
        });
    }

    @Override
    public NativeResult<Void> createVdcus(int device, List<VdcuSize> sizes) {
        return calls.frame(frame -> {
            var cus = frame.allocate(JAVA_INT, Math.max(1, sizes.size()));
            var memory = frame.allocate(JAVA_INT, Math.max(1, sizes.size()));
            for (int i = 0; i < sizes.size(); i++) {
                cus.setAtIndex(JAVA_INT, i, sizes.get(i).computeUnits());
                memory.setAtIndex(JAVA_INT, i, sizes.get(i).memoryMiB());
            }
            int rc = (int) dmiCreateVDevices.invokeExact(device, sizes.size(), cus, memory);
            return calls.result("dmiCreateVDevices", rc, () -> null);
        });
    }

    @Override
    public NativeResult<Void> destroyVdcus(int device) {
        return calls.status("dmiDestroyVDevices", () -> (int) dmiDestroyVDevices.invokeExact(device));
    }

    @Override
    public NativeResult<DmiDeviceInfo> vdcuInfo(int vdcu) {
        return calls.out("dmiGetVDeviceInfo", HygonLayouts.DMI_DEVICE_INFO, out -> (int) dmiGetVDeviceInfo.invokeExact(vdcu, out),
                HygonLayouts::deviceInfo);
    }

    @Override
    public String toString() {
        return "FfmHydmi[" + library + "]";
    }
}
