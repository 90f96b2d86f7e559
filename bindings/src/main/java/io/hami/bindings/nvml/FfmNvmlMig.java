package io.hami.bindings.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.OutParams;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The MIG calls of {@link FfmNvml}. The list calls follow NVML's MIG convention, not the two-call one: the caller
 * passes room for every instance a profile can have ({@link #MAX_INSTANCES}) and NVML writes the count.
 */
final class FfmNvmlMig {

    /** More instances than any MIG profile allows (7 on today's GPUs); a count above it is not believed. */
    static final int MAX_INSTANCES = 32;

    private final MethodHandle nvmlDeviceSetMigMode;
    private final MethodHandle nvmlDeviceGetGpuInstanceProfileInfoV;
    private final MethodHandle nvmlDeviceGetGpuInstanceProfileInfo;
    private final MethodHandle nvmlDeviceGetGpuInstancePossiblePlacements_v2;
    private final MethodHandle nvmlDeviceGetGpuInstanceRemainingCapacity;
    private final MethodHandle nvmlDeviceCreateGpuInstanceWithPlacement;
    private final MethodHandle nvmlGpuInstanceDestroy;
    private final MethodHandle nvmlDeviceGetGpuInstances;
    private final MethodHandle nvmlDeviceGetGpuInstanceById;
    private final MethodHandle nvmlGpuInstanceGetInfo;
    private final MethodHandle nvmlGpuInstanceGetComputeInstanceProfileInfoV;
    private final MethodHandle nvmlGpuInstanceGetComputeInstanceProfileInfo;
    private final MethodHandle nvmlGpuInstanceCreateComputeInstance;
    private final MethodHandle nvmlComputeInstanceDestroy;
    private final MethodHandle nvmlGpuInstanceGetComputeInstances;
    private final MethodHandle nvmlComputeInstanceGetInfo_v2;
    private final MethodHandle nvmlDeviceIsMigDeviceHandle;
    private final MethodHandle nvmlDeviceGetGpuInstanceId;
    private final MethodHandle nvmlDeviceGetComputeInstanceId;
    private final MethodHandle nvmlDeviceGetMaxMigDeviceCount;
    private final MethodHandle nvmlDeviceGetMigDeviceHandleByIndex;
    private final MethodHandle nvmlDeviceGetDeviceHandleFromMigDeviceHandle;
    private final MethodHandle nvmlDeviceGetAttributes_v2;
    private final NativeCalls calls;
    private final Set<String> missing;

    FfmNvmlMig(Downcalls d, NativeCalls calls) {
        this.calls = calls;
        var ptrIntIntPtr = Downcalls.status(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
        nvmlDeviceSetMigMode = d.bind("nvmlDeviceSetMigMode", Downcalls.PTR_INT_PTR);
        nvmlDeviceGetGpuInstanceProfileInfoV = d.bind("nvmlDeviceGetGpuInstanceProfileInfoV", Downcalls.PTR_INT_PTR);
        nvmlDeviceGetGpuInstanceProfileInfo = d.bind("nvmlDeviceGetGpuInstanceProfileInfo", Downcalls.PTR_INT_PTR);
        nvmlDeviceGetGpuInstancePossiblePlacements_v2 = d.bind("nvmlDeviceGetGpuInstancePossiblePlacements_v2",
                Downcalls.status(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        nvmlDeviceGetGpuInstanceRemainingCapacity = d.bind("nvmlDeviceGetGpuInstanceRemainingCapacity", Downcalls.PTR_INT_PTR);
        nvmlDeviceCreateGpuInstanceWithPlacement = d.bind("nvmlDeviceCreateGpuInstanceWithPlacement",
                Downcalls.status(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        nvmlGpuInstanceDestroy = d.bind("nvmlGpuInstanceDestroy", Downcalls.PTR);
        nvmlDeviceGetGpuInstances = d.bind("nvmlDeviceGetGpuInstances", Downcalls.status(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        nvmlDeviceGetGpuInstanceById = d.bind("nvmlDeviceGetGpuInstanceById", Downcalls.PTR_INT_PTR);
        nvmlGpuInstanceGetInfo = d.bind("nvmlGpuInstanceGetInfo", Downcalls.PTR_PTR);
        nvmlGpuInstanceGetComputeInstanceProfileInfoV = d.bind("nvmlGpuInstanceGetComputeInstanceProfileInfoV", ptrIntIntPtr);
        nvmlGpuInstanceGetComputeInstanceProfileInfo = d.bind("nvmlGpuInstanceGetComputeInstanceProfileInfo", ptrIntIntPtr);
        nvmlGpuInstanceCreateComputeInstance = d.bind("nvmlGpuInstanceCreateComputeInstance", Downcalls.PTR_INT_PTR);
        nvmlComputeInstanceDestroy = d.bind("nvmlComputeInstanceDestroy", Downcalls.PTR);
        nvmlGpuInstanceGetComputeInstances = d.bind("nvmlGpuInstanceGetComputeInstances",
                Downcalls.status(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        nvmlComputeInstanceGetInfo_v2 = d.bind("nvmlComputeInstanceGetInfo_v2", Downcalls.PTR_PTR);
        nvmlDeviceIsMigDeviceHandle = d.bind("nvmlDeviceIsMigDeviceHandle", Downcalls.PTR_PTR);
        nvmlDeviceGetGpuInstanceId = d.bind("nvmlDeviceGetGpuInstanceId", Downcalls.PTR_PTR);
        nvmlDeviceGetComputeInstanceId = d.bind("nvmlDeviceGetComputeInstanceId", Downcalls.PTR_PTR);
        nvmlDeviceGetMaxMigDeviceCount = d.bind("nvmlDeviceGetMaxMigDeviceCount", Downcalls.PTR_PTR);
        nvmlDeviceGetMigDeviceHandleByIndex = d.bind("nvmlDeviceGetMigDeviceHandleByIndex", Downcalls.PTR_INT_PTR);
        nvmlDeviceGetDeviceHandleFromMigDeviceHandle = d.bind("nvmlDeviceGetDeviceHandleFromMigDeviceHandle", Downcalls.PTR_PTR);
        nvmlDeviceGetAttributes_v2 = d.bind("nvmlDeviceGetAttributes_v2", Downcalls.PTR_PTR);
        missing = d.missing();
    }

    private static MemorySegment at(long handle) {
        return MemorySegment.ofAddress(handle);
    }

    NvmlResult<NvmlReturn> setMigMode(NvmlDevice d, boolean enable) {
        int mode = enable ? MigMode.NVML_DEVICE_MIG_ENABLE : 0;
        return NvmlResult.of(calls.intOut("nvmlDeviceSetMigMode",
                out -> (int) nvmlDeviceSetMigMode.invokeExact(at(d.handle()), mode, out))).map(NvmlReturn::fromCode);
    }

    NvmlResult<GpuInstanceProfile> gpuInstanceProfileInfo(NvmlDevice d, int index) {
        if (!missing.contains("nvmlDeviceGetGpuInstanceProfileInfoV")) {
            return versioned("nvmlDeviceGetGpuInstanceProfileInfoV", NvmlMigLayouts.GPU_INSTANCE_PROFILE_INFO_V2,
                    NvmlMigLayouts.GPU_INSTANCE_PROFILE_INFO_V2_VERSION, NvmlMigLayouts.nvmlGpuInstanceProfileInfo_v2,
                    out -> (int) nvmlDeviceGetGpuInstanceProfileInfoV.invokeExact(at(d.handle()), index, out),
                    s -> NvmlMigLayouts.gpuInstanceProfile(NvmlMigLayouts.GPU_INSTANCE_PROFILE_INFO_V2, s));
        }
        return NvmlResult.of(calls.out("nvmlDeviceGetGpuInstanceProfileInfo", NvmlMigLayouts.GPU_INSTANCE_PROFILE_INFO,
                out -> (int) nvmlDeviceGetGpuInstanceProfileInfo.invokeExact(at(d.handle()), index, out),
                s -> NvmlMigLayouts.gpuInstanceProfile(NvmlMigLayouts.GPU_INSTANCE_PROFILE_INFO, s)));
    }

    /** A struct the caller stamps with its version word before the call. */
    private <T> NvmlResult<T> versioned(String symbol, StructLayout layout, VarHandle version, int word,
                                        NativeCalls.WithOut call, java.util.function.Function<MemorySegment, T> read) {
        return NvmlResult.of(calls.out(symbol, layout, out -> {
            version.set(out, 0L, word);
            return call.call(out);
        }, read));
    }

    NvmlResult<List<MigPlacement>> possiblePlacements(NvmlDevice d, int profileId) {
        var symbol = "nvmlDeviceGetGpuInstancePossiblePlacements_v2";
        var entry = NvmlMigLayouts.GPU_INSTANCE_PLACEMENT;
        return NvmlResult.of(calls.frame(frame -> {
            var count = frame.allocate(JAVA_INT);
            int rc = (int) nvmlDeviceGetGpuInstancePossiblePlacements_v2.invokeExact(at(d.handle()), profileId,
                    MemorySegment.NULL, count);
            if (rc != 0) {
                return calls.error(symbol, rc);
            }
            int room = Math.min(count.get(JAVA_INT, 0), MAX_INSTANCES);
            var placements = frame.allocate(entry, Math.max(room, 1));
            count.set(JAVA_INT, 0, room);
            rc = (int) nvmlDeviceGetGpuInstancePossiblePlacements_v2.invokeExact(at(d.handle()), profileId, placements, count);
            int n = Math.min(count.get(JAVA_INT, 0), room);
            return calls.result(symbol, rc, () -> {
                var out = new ArrayList<MigPlacement>();
                for (int i = 0; i < n; i++) {
                    out.add(NvmlMigLayouts.placement(placements, i * entry.byteSize()));
                }
                return List.copyOf(out);
            });
        }));
    }

    NvmlResult<Integer> remainingCapacity(NvmlDevice d, int profileId) {
        return NvmlResult.of(calls.intOut("nvmlDeviceGetGpuInstanceRemainingCapacity",
                out -> (int) nvmlDeviceGetGpuInstanceRemainingCapacity.invokeExact(at(d.handle()), profileId, out)));
    }

    NvmlResult<NvmlGpuInstance> createGpuInstance(NvmlDevice d, int profileId, MigPlacement placement) {
        return NvmlResult.of(calls.frame(frame -> {
            var where = frame.allocate(NvmlMigLayouts.GPU_INSTANCE_PLACEMENT);
            where.set(JAVA_INT, 0, placement.start());
            where.set(JAVA_INT, JAVA_INT.byteSize(), placement.size());
            var out = frame.allocate(ADDRESS);
            int rc = (int) nvmlDeviceCreateGpuInstanceWithPlacement.invokeExact(at(d.handle()), profileId, where, out);
            return calls.result("nvmlDeviceCreateGpuInstanceWithPlacement", rc,
                    () -> new NvmlGpuInstance(out.get(ADDRESS, 0).address()));
        }));
    }

    NvmlResult<Void> destroyGpuInstance(NvmlGpuInstance gi) {
        return NvmlResult.of(calls.status("nvmlGpuInstanceDestroy",
                () -> (int) nvmlGpuInstanceDestroy.invokeExact(at(gi.handle()))));
    }

    NvmlResult<List<NvmlGpuInstance>> gpuInstances(NvmlDevice d, int profileId) {
        return handles("nvmlDeviceGetGpuInstances",
                (list, count) -> (int) nvmlDeviceGetGpuInstances.invokeExact(at(d.handle()), profileId, list, count),
                NvmlGpuInstance::new);
    }

    NvmlResult<NvmlGpuInstance> gpuInstanceById(NvmlDevice d, int id) {
        return handle("nvmlDeviceGetGpuInstanceById",
                out -> (int) nvmlDeviceGetGpuInstanceById.invokeExact(at(d.handle()), id, out), NvmlGpuInstance::new);
    }

    NvmlResult<GpuInstanceInfo> gpuInstanceInfo(NvmlGpuInstance gi) {
        return NvmlResult.of(calls.out("nvmlGpuInstanceGetInfo", NvmlMigLayouts.GPU_INSTANCE_INFO,
                out -> (int) nvmlGpuInstanceGetInfo.invokeExact(at(gi.handle()), out), NvmlMigLayouts::gpuInstanceInfo));
    }

    NvmlResult<ComputeInstanceProfile> computeInstanceProfileInfo(NvmlGpuInstance gi, int index) {
        int shared = NvmlMigLayouts.NVML_COMPUTE_INSTANCE_ENGINE_PROFILE_SHARED;
        if (!missing.contains("nvmlGpuInstanceGetComputeInstanceProfileInfoV")) {
            return versioned("nvmlGpuInstanceGetComputeInstanceProfileInfoV", NvmlMigLayouts.COMPUTE_INSTANCE_PROFILE_INFO_V2,
                    NvmlMigLayouts.COMPUTE_INSTANCE_PROFILE_INFO_V2_VERSION, NvmlMigLayouts.nvmlComputeInstanceProfileInfo_v2,
                    out -> (int) nvmlGpuInstanceGetComputeInstanceProfileInfoV.invokeExact(at(gi.handle()), index, shared, out),
                    s -> NvmlMigLayouts.computeInstanceProfile(NvmlMigLayouts.COMPUTE_INSTANCE_PROFILE_INFO_V2, s));
        }
        return NvmlResult.of(calls.out("nvmlGpuInstanceGetComputeInstanceProfileInfo",
                NvmlMigLayouts.COMPUTE_INSTANCE_PROFILE_INFO,
                out -> (int) nvmlGpuInstanceGetComputeInstanceProfileInfo.invokeExact(at(gi.handle()), index, shared, out),
                s -> NvmlMigLayouts.computeInstanceProfile(NvmlMigLayouts.COMPUTE_INSTANCE_PROFILE_INFO, s)));
    }

    NvmlResult<NvmlComputeInstance> createComputeInstance(NvmlGpuInstance gi, int profileId) {
        return handle("nvmlGpuInstanceCreateComputeInstance",
                out -> (int) nvmlGpuInstanceCreateComputeInstance.invokeExact(at(gi.handle()), profileId, out),
                NvmlComputeInstance::new);
    }

    NvmlResult<Void> destroyComputeInstance(NvmlComputeInstance ci) {
        return NvmlResult.of(calls.status("nvmlComputeInstanceDestroy",
                () -> (int) nvmlComputeInstanceDestroy.invokeExact(at(ci.handle()))));
    }

    NvmlResult<List<NvmlComputeInstance>> computeInstances(NvmlGpuInstance gi, int profileId) {
        return handles("nvmlGpuInstanceGetComputeInstances",
                (list, count) -> (int) nvmlGpuInstanceGetComputeInstances.invokeExact(at(gi.handle()), profileId, list, count),
                NvmlComputeInstance::new);
    }

    NvmlResult<ComputeInstanceInfo> computeInstanceInfo(NvmlComputeInstance ci) {
        return NvmlResult.of(calls.out("nvmlComputeInstanceGetInfo_v2", NvmlMigLayouts.COMPUTE_INSTANCE_INFO,
                out -> (int) nvmlComputeInstanceGetInfo_v2.invokeExact(at(ci.handle()), out),
                NvmlMigLayouts::computeInstanceInfo));
    }

    NvmlResult<Boolean> isMigDeviceHandle(NvmlDevice d) {
        return intOut("nvmlDeviceIsMigDeviceHandle", nvmlDeviceIsMigDeviceHandle, d).map(v -> v != 0);
    }

    NvmlResult<Integer> gpuInstanceId(NvmlDevice d) {
        return intOut("nvmlDeviceGetGpuInstanceId", nvmlDeviceGetGpuInstanceId, d);
    }

    NvmlResult<Integer> computeInstanceId(NvmlDevice d) {
        return intOut("nvmlDeviceGetComputeInstanceId", nvmlDeviceGetComputeInstanceId, d);
    }

    NvmlResult<Integer> maxMigDeviceCount(NvmlDevice d) {
        return intOut("nvmlDeviceGetMaxMigDeviceCount", nvmlDeviceGetMaxMigDeviceCount, d);
    }

    NvmlResult<NvmlDevice> migDeviceHandleByIndex(NvmlDevice d, int index) {
        return handle("nvmlDeviceGetMigDeviceHandleByIndex",
                out -> (int) nvmlDeviceGetMigDeviceHandleByIndex.invokeExact(at(d.handle()), index, out), NvmlDevice::new);
    }

    NvmlResult<NvmlDevice> deviceHandleFromMigDeviceHandle(NvmlDevice mig) {
        return handle("nvmlDeviceGetDeviceHandleFromMigDeviceHandle",
                out -> (int) nvmlDeviceGetDeviceHandleFromMigDeviceHandle.invokeExact(at(mig.handle()), out), NvmlDevice::new);
    }

    NvmlResult<DeviceAttributes> attributes(NvmlDevice d) {
        return NvmlResult.of(calls.out("nvmlDeviceGetAttributes_v2", NvmlMigLayouts.DEVICE_ATTRIBUTES,
                out -> (int) nvmlDeviceGetAttributes_v2.invokeExact(at(d.handle()), out), NvmlMigLayouts::deviceAttributes));
    }

    private NvmlResult<Integer> intOut(String symbol, MethodHandle h, NvmlDevice d) {
        return NvmlResult.of(calls.intOut(symbol, out -> (int) h.invokeExact(at(d.handle()), out)));
    }

    private <T> NvmlResult<T> handle(String symbol, NativeCalls.WithOut call, LongFunction<T> wrap) {
        return NvmlResult.of(calls.out(symbol, ADDRESS, call, s -> wrap.apply(s.get(ADDRESS, 0).address())));
    }

    /** {@code f(..., handle *list, unsigned int *count)} with room for {@link #MAX_INSTANCES}. */
    private interface HandleList {
        int call(MemorySegment list, MemorySegment count) throws Throwable;
    }

    private <T> NvmlResult<List<T>> handles(String symbol, HandleList call, LongFunction<T> wrap) {
        return NvmlResult.of(calls.frame(frame -> {
            var list = frame.allocate(ADDRESS, MAX_INSTANCES);
            var count = frame.allocate(JAVA_INT);
            count.set(JAVA_INT, 0, MAX_INSTANCES);
            int rc = call.call(list, count);
            int n = Math.min(Math.max(count.get(JAVA_INT, 0), 0), MAX_INSTANCES);
            return calls.result(symbol, rc, () -> {
                var out = new ArrayList<T>();
                for (int i = 0; i < n; i++) {
                    out.add(wrap.apply(list.getAtIndex(ADDRESS, i).address()));
                }
                return List.copyOf(out);
            });
        }));
    }
}
