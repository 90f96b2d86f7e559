package io.hami.bindings.mxsml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.LibraryLookup;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.NativeResult;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * {@link MxsmlApi} over a {@code libmxsml.so} (MetaX's, or the mock) through FFM, opened once per process by
 * {@link #open(String)}. Every symbol is resolved once, optionally. Thread-safe.
 *
 * <p>{@code mxSmlGetDeviceCount} is bound as {@code int f(unsigned int *)} and called with a pointer to a
 * sentinel: that call is safe for both published forms on the LP64 ABIs (a function of no parameters ignores
 * the argument register). If the library wrote the count, it has the {@link DeviceCountForm#STATUS_AND_OUT}
 * form and the return value is a status; if not, the return value is the count, which is believed only when the
 * last device it implies answers {@code mxSmlGetDeviceInfo} (else it was a failed status after all). The first
 * unambiguous answer fixes the form.
 */
public final class FfmMxsml implements MxsmlApi {

    /** The first of the places MetaX's own code looks in; the others are in {@code DeviceVendor.METAX}. */
    public static final String DEFAULT_LIBRARY = "/opt/mxdriver/lib/libmxsml.so";

    private static final int SENTINEL = -1;
    private static final int MAX_WAYS = 64;

    private final String library;
    private final NativeCalls calls = new NativeCalls(MxsmlReturn.STATUSES);
    private final Downcalls downcalls;
    private final MethodHandle mxSmlInit;
    private final MethodHandle mxSmlGetDeviceCount;
    private final MethodHandle mxSmlGetDeviceInfo;
    private final MethodHandle mxSmlGetMemoryInfo;
    private final MethodHandle mxSmlGetDeviceIpUsage;
    private final MethodHandle mxSmlGetBoardPowerInfo;
    private final MethodHandle mxSmlGetDeviceUnavailableReason;
    private volatile DeviceCountForm form;

    private FfmMxsml(String library, Downcalls d) {
        this.library = library;
        this.downcalls = d;
        mxSmlInit = d.bind("mxSmlInit", Downcalls.VOID);
        mxSmlGetDeviceCount = d.bind("mxSmlGetDeviceCount", Downcalls.PTR);
        mxSmlGetDeviceInfo = d.bind("mxSmlGetDeviceInfo", Downcalls.INDEX_PTR);
        mxSmlGetMemoryInfo = d.bind("mxSmlGetMemoryInfo", Downcalls.INDEX_PTR);
        mxSmlGetDeviceIpUsage = d.bind("mxSmlGetDeviceIpUsage", Downcalls.status(JAVA_INT, JAVA_INT, ADDRESS));
        mxSmlGetBoardPowerInfo = d.bind("mxSmlGetBoardPowerInfo", Downcalls.status(JAVA_INT,
                ADDRESS, ADDRESS));
        mxSmlGetDeviceUnavailableReason = d.bind("mxSmlGetDeviceUnavailableReason", Downcalls.INDEX_PTR);
    }

    /**
     * The binding of {@code library}, opened on first use and shared afterwards.
     *
     * @throws io.hami.bindings.ffm.NativeLibraryException when it cannot be opened or is not MXSML
     */
    public static FfmMxsml open(String library) {
        return LibraryLookup.shared(FfmMxsml.class, library, l -> new FfmMxsml(l,
                new Downcalls(LibraryLookup.open(l, "an MXSML library", "mxSmlInit"), MxsmlReturn.FUNCTION_NOT_FOUND.code())));
    }

    /** The library as it was asked for. */
    public String library() {
        return library;
    }

    /** The form of {@code mxSmlGetDeviceCount} probing found; null before the first unambiguous count. */
    public DeviceCountForm deviceCountForm() {
        return form;
    }

    @Override
    public NativeResult<Void> init() {
        return calls.status("mxSmlInit", () -> (int) mxSmlInit.invokeExact());
    }

    @Override
    public NativeResult<Integer> deviceCount() {
        var symbol = "mxSmlGetDeviceCount";
        if (!downcalls.exports(symbol)) {
            return calls.error(symbol, MxsmlReturn.FUNCTION_NOT_FOUND.code());
        }
        return calls.frame(frame -> {
            var out = frame.allocate(JAVA_INT);
            out.set(JAVA_INT, 0, SENTINEL);
            int answer = (int) mxSmlGetDeviceCount.invokeExact(out);
            int written = out.get(JAVA_INT, 0);
            if (form == DeviceCountForm.STATUS_AND_OUT || written != SENTINEL) {
                form = DeviceCountForm.STATUS_AND_OUT;
                return calls.result(symbol, answer, () -> written);
            }
            if (form == DeviceCountForm.RETURNS_COUNT || answer == 0 || deviceInfo(answer - 1).ok()) {
                form = DeviceCountForm.RETURNS_COUNT;
                return calls.ok(symbol, answer);
            }
            return calls.<Integer>error(symbol, answer).withNote("read as a status: device " + (answer - 1) + " does not answer");
        });
    }

    @Override
    public NativeResult<MxsmlDeviceInfo> deviceInfo(int device) {
        return calls.out("mxSmlGetDeviceInfo", MxsmlLayouts.DEVICE_INFO, out -> (int) mxSmlGetDeviceInfo.invokeExact(device, out),
                MxsmlLayouts::deviceInfo);
    }

    @Override
    public NativeResult<MxsmlMemory> memory(int device) {
        return calls.out("mxSmlGetMemoryInfo", MxsmlLayouts.MEMORY_INFO, out -> (int) mxSmlGetMemoryInfo.invokeExact(device, out),
                MxsmlLayouts::vram);
    }

    @Override
    public NativeResult<Integer> computeUsage(int device, boolean nClass) {
        int ip = nClass ? MxsmlLayouts.MXSML_USAGE_DLA : MxsmlLayouts.MXSML_USAGE_XCORE;
        return calls.intOut("mxSmlGetDeviceIpUsage", out -> (int) mxSmlGetDeviceIpUsage.invokeExact(device, ip, out));
    }

    @Override
    public NativeResult<List<Integer>> boardPowerMilliwatts(int device) {
        return calls.list("mxSmlGetBoardPowerInfo", MxsmlReturn.INSUFFICIENT_SIZE.code(), MAX_WAYS, MxsmlLayouts.BOARD_WAY,
                (count, entries, capacity) -> (int) mxSmlGetBoardPowerInfo.invokeExact(device, count, entries),
                MxsmlLayouts::wayPower);
    }

    @Override
    public NativeResult<String> unavailableReason(int device) {
        return calls.out("mxSmlGetDeviceUnavailableReason", MxsmlLayouts.UNAVAILABLE_REASON,
                out -> (int) mxSmlGetDeviceUnavailableReason.invokeExact(device, out), s -> {
                    var why = MxsmlLayouts.unavailable(s);
                    return why == null ? "" : why;
                });
    }

    @Override
    public String toString() {
        return "FfmMxsml[" + library + "]";
    }
}
