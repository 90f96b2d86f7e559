package io.hami.bindings.cndev;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.CStrings;
import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.LibraryLookup;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.NativeResult;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * {@link CndevApi} over a {@code libcndev.so} (Cambricon's, or the mock) through FFM, opened once per process by
 * {@link #open(String)}. Every symbol is resolved once, optionally. Versioned structs are sent with version 6;
 * a rejection says so in its message. Thread-safe.
 */
public final class FfmCndev implements CndevApi {

    /** The name Cambricon's device plugin opens; its DaemonSet copies the host's library there. */
    public static final String DEFAULT_LIBRARY = "libcndev.so";
    /** The symbol every CNDEV library exports. */
    public static final String MARKER = "cndevInit";

    /** cndevRet_t f(T *out, cndevDevice_t device): CNDEV puts the device last. */
    private static final FunctionDescriptor OUT_DEVICE = Downcalls.status(ADDRESS, JAVA_INT);
    private static final int MAX_PROCESSES = 4096;
    private static final int MAX_SMLU_INSTANCES = 1024;

    private final String library;
    private final NativeCalls calls = new NativeCalls(CndevReturn.STATUSES);
    private final MethodHandle cndevInit;
    private final MethodHandle cndevRelease;
    private final MethodHandle cndevGetDeviceCount;
    private final MethodHandle cndevGetDeviceHandleByIndex;
    private final MethodHandle cndevGetUUID;
    private final MethodHandle cndevGetCardSN;
    private final MethodHandle cndevGetCardNameStringByDevId;
    private final MethodHandle cndevGetMemoryUsageV2;
    private final MethodHandle cndevGetDeviceUtilizationInfo;
    private final MethodHandle cndevGetPCIeInfoV2;
    private final MethodHandle cndevGetNUMANodeIdByDevId;
    private final MethodHandle cndevGetCardHealthState;
    private final MethodHandle cndevDeviceGetMinorNumber;
    private final MethodHandle cndevGetProcessInfo;
    private final MethodHandle cndevGetDriverVersion;
    private final MethodHandle cndevGetSMLUMode;
    private final MethodHandle cndevGetSMluProfileIdInfo;
    private final MethodHandle cndevGetSMluProfileInfo;
    private final MethodHandle cndevCreateSMluProfileInfo;
    private final MethodHandle cndevDestroySMluProfileInfo;
    private final MethodHandle cndevCreateSMluInstanceByProfileId;
    private final MethodHandle cndevDestroySMluInstanceByHandle;
    private final MethodHandle cndevGetSMluInstanceInfo;
    private final MethodHandle cndevGetAllSMluInstanceInfo;
    private final Downcalls downcalls;

    private FfmCndev(String library, Downcalls d) {
        this.library = library;
        this.downcalls = d;
        cndevInit = d.bind("cndevInit", Downcalls.status(JAVA_INT));
        cndevRelease = d.bind("cndevRelease", Downcalls.VOID);
        cndevGetDeviceCount = d.bind("cndevGetDeviceCount", Downcalls.PTR);
        cndevGetDeviceHandleByIndex = d.bind("cndevGetDeviceHandleByIndex", Downcalls.INDEX_PTR);
        cndevGetUUID = d.bind("cndevGetUUID", OUT_DEVICE);
        cndevGetCardSN = d.bind("cndevGetCardSN", OUT_DEVICE);
        cndevGetCardNameStringByDevId = d.bind("cndevGetCardNameStringByDevId", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        cndevGetMemoryUsageV2 = d.bind("cndevGetMemoryUsageV2", OUT_DEVICE);
        cndevGetDeviceUtilizationInfo = d.bind("cndevGetDeviceUtilizationInfo", OUT_DEVICE);
        cndevGetPCIeInfoV2 = d.bind("cndevGetPCIeInfoV2", OUT_DEVICE);
        cndevGetNUMANodeIdByDevId = d.bind("cndevGetNUMANodeIdByDevId", OUT_DEVICE);
        cndevGetCardHealthState = d.bind("cndevGetCardHealthState", OUT_DEVICE);
        cndevDeviceGetMinorNumber = d.bind("cndevDeviceGetMinorNumber", OUT_DEVICE);
        cndevGetProcessInfo = d.bind("cndevGetProcessInfo", Downcalls.status(ADDRESS, ADDRESS, JAVA_INT));
        cndevGetDriverVersion = d.bind("cndevGetDriverVersion", Downcalls.PTR_PTR_PTR);
        cndevGetSMLUMode = d.bind("cndevGetSMLUMode", OUT_DEVICE);
        cndevGetSMluProfileIdInfo = d.bind("cndevGetSMluProfileIdInfo", OUT_DEVICE);
        cndevGetSMluProfileInfo = d.bind("cndevGetSMluProfileInfo", Downcalls.status(ADDRESS, JAVA_INT, JAVA_INT));
        cndevCreateSMluProfileInfo = d.bind("cndevCreateSMluProfileInfo", Downcalls.status(ADDRESS, ADDRESS, JAVA_INT));
        cndevDestroySMluProfileInfo = d.bind("cndevDestroySMluProfileInfo", Downcalls.status(JAVA_INT, JAVA_INT));
        cndevCreateSMluInstanceByProfileId = d.bind("cndevCreateSMluInstanceByProfileId",
                Downcalls.status(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        cndevDestroySMluInstanceByHandle = d.bind("cndevDestroySMluInstanceByHandle", Downcalls.status(JAVA_INT));
        cndevGetSMluInstanceInfo = d.bind("cndevGetSMluInstanceInfo", Downcalls.status(ADDRESS, JAVA_INT));
        cndevGetAllSMluInstanceInfo = d.bind("cndevGetAllSMluInstanceInfo", Downcalls.status(ADDRESS, ADDRESS, JAVA_INT));
    }

    /**
     * The binding of {@code library} (a name the dynamic linker searches for, or a path), opened on first use and
     * shared afterwards.
     *
     * @throws io.hami.bindings.ffm.NativeLibraryException when it cannot be opened or is not CNDEV
     */
    public static FfmCndev open(String library) {
        return LibraryLookup.shared(FfmCndev.class, library, l -> new FfmCndev(l,
                new Downcalls(LibraryLookup.open(l, "a CNDEV library", MARKER), CndevReturn.FUNCTION_NOT_FOUND.code())));
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
    public NativeResult<Void> init() {
        return calls.status("cndevInit", () -> (int) cndevInit.invokeExact(0));
    }

    @Override
    public NativeResult<Void> release() {
        return calls.status("cndevRelease", () -> (int) cndevRelease.invokeExact());
    }

    @Override
    public NativeResult<Integer> deviceCount() {
        return versioned("cndevGetDeviceCount", CndevLayouts.CARD_INFO, out -> (int) cndevGetDeviceCount.invokeExact(out),
                CndevLayouts::cardNumber);
    }

    @Override
    public NativeResult<CndevDevice> deviceHandle(int index) {
        return calls.intOut("cndevGetDeviceHandleByIndex", out -> (int) cndevGetDeviceHandleByIndex.invokeExact(index, out))
                .map(CndevDevice::new);
    }

    @Override
    public NativeResult<String> uuid(CndevDevice d) {
        return versioned("cndevGetUUID", CndevLayouts.UUID, out -> (int) cndevGetUUID.invokeExact(out, d.handle()),
                CndevLayouts::uuid);
    }

    @Override
    public NativeResult<Long> cardSerial(CndevDevice d) {
        return versioned("cndevGetCardSN", CndevLayouts.CARD_SN, out -> (int) cndevGetCardSN.invokeExact(out, d.handle()),
                CndevLayouts::serial);
    }

    /** The one call that answers a pointer: NULL is its only failure. */
    @Override
    public NativeResult<String> cardName(CndevDevice d) {
        var symbol = "cndevGetCardNameStringByDevId";
        if (!exports(symbol)) {
            return calls.error(symbol, CndevReturn.FUNCTION_NOT_FOUND.code());
        }
        try {
            var name = (MemorySegment) cndevGetCardNameStringByDevId.invokeExact(d.handle());
            return name.equals(MemorySegment.NULL) ? calls.<String>error(symbol, CndevReturn.NOT_FOUND.code())
                    .withNote("it answered NULL") : calls.ok(symbol, CStrings.fromPointer(name, 200));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    @Override
    public NativeResult<CndevMemory> memory(CndevDevice d) {
        return calls.out("cndevGetMemoryUsageV2", CndevLayouts.MEMORY_V2,
                out -> (int) cndevGetMemoryUsageV2.invokeExact(out, d.handle()), CndevLayouts::memory);
    }

    @Override
    public NativeResult<Integer> utilization(CndevDevice d) {
        return versioned("cndevGetDeviceUtilizationInfo", CndevLayouts.UTILIZATION,
                out -> (int) cndevGetDeviceUtilizationInfo.invokeExact(out, d.handle()), CndevLayouts::averageUtilization);
    }

    @Override
    public NativeResult<PciAddress> pci(CndevDevice d) {
        return calls.out("cndevGetPCIeInfoV2", CndevLayouts.PCIE_V2,
                out -> (int) cndevGetPCIeInfoV2.invokeExact(out, d.handle()), CndevLayouts::pci);
    }

    @Override
    public NativeResult<Integer> numaNode(CndevDevice d) {
        return versioned("cndevGetNUMANodeIdByDevId", CndevLayouts.NUMA_NODE,
                out -> (int) cndevGetNUMANodeIdByDevId.invokeExact(out, d.handle()), CndevLayouts::nodeId);
    }

    @Override
    public NativeResult<CndevHealth> health(CndevDevice d) {
        return versioned("cndevGetCardHealthState", CndevLayouts.HEALTH,
                out -> (int) cndevGetCardHealthState.invokeExact(out, d.handle()), CndevLayouts::health);
    }

    @Override
    public NativeResult<Integer> minorNumber(CndevDevice d) {
        return calls.intOut("cndevDeviceGetMinorNumber", out -> (int) cndevDeviceGetMinorNumber.invokeExact(out, d.handle()));
    }

    @Override
    public NativeResult<List<CndevProcess>> processes(CndevDevice d) {
        var r = calls.list("cndevGetProcessInfo", CndevReturn.INSUFFICIENT_SPACE.code(), MAX_PROCESSES, CndevLayouts.PROCESS,
                (count, entries, capacity) -> {
                    CndevLayouts.askWithVersion(CndevLayouts.PROCESS, entries, capacity);
                    return (int) cndevGetProcessInfo.invokeExact(count, entries, d.handle());
                }, CndevLayouts::process);
        return versionNoted(r);
    }

    @Override
    public NativeResult<String> driverVersion() {
        return calls.frame(frame -> {
            var major = frame.allocate(JAVA_INT);
            var minor = frame.allocate(JAVA_INT);
            var build = frame.allocate(JAVA_INT);
            int rc = (int) cndevGetDriverVersion.invokeExact(major, minor, build);
            return calls.result("cndevGetDriverVersion", rc, () -> Integer.toUnsignedString(major.get(JAVA_INT, 0)) + "."
                    + Integer.toUnsignedString(minor.get(JAVA_INT, 0)) + "." + Integer.toUnsignedString(build.get(JAVA_INT, 0)));
        });
    }

    @Override
    public NativeResult<Boolean> smluMode(CndevDevice d) {
        return versioned("cndevGetSMLUMode", CndevLayouts.SMLU_MODE, out -> (int) cndevGetSMLUMode.invokeExact(out, d.handle()),
                CndevLayouts::smluEnabled);
    }

    @Override
    public NativeResult<List<Integer>> smluProfileIds(CndevDevice d) {
        return versioned("cndevGetSMluProfileIdInfo", CndevLayouts.SMLU_PROFILE_IDS,
                out -> (int) cndevGetSMluProfileIdInfo.invokeExact(out, d.handle()), CndevLayouts::profileIds);
    }

    @Override
    public NativeResult<CndevSmluProfile> smluProfile(CndevDevice d, int profileId) {
        return versioned("cndevGetSMluProfileInfo", CndevLayouts.SMLU_PROFILE,
                out -> (int) cndevGetSMluProfileInfo.invokeExact(out, profileId, d.handle()), CndevLayouts::smluProfile);
    }

    @Override
    public NativeResult<Integer> createSmluProfile(CndevDevice d, int mluQuota, long memoryBytes) {
        var symbol = "cndevCreateSMluProfileInfo";
        return versionNoted(calls.frame(frame -> {
            var set = frame.allocate(CndevLayouts.SMLU_SET);
            CndevLayouts.smluSet(set, mluQuota, memoryBytes);
            var id = frame.allocate(JAVA_INT);
            int rc = (int) cndevCreateSMluProfileInfo.invokeExact(set, id, d.handle());
            return calls.result(symbol, rc, () -> id.get(JAVA_INT, 0));
        }));
    }

    @Override
    public NativeResult<Void> destroySmluProfile(CndevDevice d, int profileId) {
        return calls.status("cndevDestroySMluProfileInfo",
                () -> (int) cndevDestroySMluProfileInfo.invokeExact(profileId, d.handle()));
    }

    /** The name goes as a NUL-terminated string; one that does not fit the library's name buffer is refused here. */
    @Override
    public NativeResult<Integer> createSmluInstance(CndevDevice d, int profileId, String instanceName) {
        var symbol = "cndevCreateSMluInstanceByProfileId";
        if (instanceName.getBytes(StandardCharsets.UTF_8).length >= CndevLayouts.CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE) {
            return calls.<Integer>error(symbol, CndevReturn.INVALID_ARGUMENT.code()).withNote("instance name "
                    + instanceName + " is longer than " + (CndevLayouts.CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE - 1)
                    + " bytes");
        }
        return calls.frame(frame -> {
            var handle = frame.allocate(JAVA_INT);
            var name = frame.allocateFrom(instanceName);
            int rc = (int) cndevCreateSMluInstanceByProfileId.invokeExact(handle, profileId, d.handle(), name);
            return calls.result(symbol, rc, () -> handle.get(JAVA_INT, 0));
        });
    }

    @Override
    public NativeResult<Void> destroySmluInstance(int instanceHandle) {
        return calls.status("cndevDestroySMluInstanceByHandle",
                () -> (int) cndevDestroySMluInstanceByHandle.invokeExact(instanceHandle));
    }

    @Override
    public NativeResult<CndevSmluInstance> smluInstance(int instanceHandle) {
        return versioned("cndevGetSMluInstanceInfo", CndevLayouts.SMLU_INFO,
                out -> (int) cndevGetSMluInstanceInfo.invokeExact(out, instanceHandle), CndevLayouts::smluInstance);
    }

    @Override
    public NativeResult<List<CndevSmluInstance>> smluInstances(CndevDevice d) {
        return versionNoted(calls.list("cndevGetAllSMluInstanceInfo", CndevReturn.INSUFFICIENT_SPACE.code(),
                MAX_SMLU_INSTANCES, CndevLayouts.SMLU_INFO, (count, entries, capacity) -> {
                    CndevLayouts.askWithVersion(CndevLayouts.SMLU_INFO, entries, capacity);
                    return (int) cndevGetAllSMluInstanceInfo.invokeExact(count, entries, d.handle());
                }, CndevLayouts::smluInstance));
    }

    @Override
    public String toString() {
        return "FfmCndev[" + library + "]";
    }

    /** A call on a struct that starts with the version the caller sets. */
    private <T> NativeResult<T> versioned(String symbol, StructLayout layout, NativeCalls.WithOut call,
                                          Function<MemorySegment, T> read) {
        return versionNoted(calls.out(symbol, layout, out -> {
            CndevLayouts.askWithVersion(layout, out);
            return call.call(out);
        }, read));
    }

    private static <T> NativeResult<T> versionNoted(NativeResult<T> r) {
        return r.code() == CndevReturn.UNSUPPORTED_API_VERSION.code()
                ? r.withNote("asked with struct version " + CndevLayouts.CNDEV_VERSION_6) : r;
    }
}
