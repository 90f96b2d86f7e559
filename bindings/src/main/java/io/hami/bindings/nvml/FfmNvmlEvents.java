package io.hami.bindings.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.OutParams;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The event calls of {@link FfmNvml}. Only {@code nvmlEventSetWait_v2} is bound: the legacy wait predates the
 * MIG instance ids of {@code nvmlEventData_t}.
 */
final class FfmNvmlEvents {

    private final MethodHandle nvmlEventSetCreate;
    private final MethodHandle nvmlDeviceGetSupportedEventTypes;
    private final MethodHandle nvmlDeviceRegisterEvents;
    private final MethodHandle nvmlEventSetWait_v2;
    private final MethodHandle nvmlEventSetFree;

    FfmNvmlEvents(Downcalls d) {
        nvmlEventSetCreate = d.bind("nvmlEventSetCreate", Downcalls.PTR);
        nvmlDeviceGetSupportedEventTypes = d.bind("nvmlDeviceGetSupportedEventTypes", Downcalls.PTR_PTR);
        nvmlDeviceRegisterEvents = d.bind("nvmlDeviceRegisterEvents", Downcalls.PTR_LONG_PTR);
        nvmlEventSetWait_v2 = d.bind("nvmlEventSetWait_v2", Downcalls.PTR_PTR_INT);
        nvmlEventSetFree = d.bind("nvmlEventSetFree", Downcalls.PTR);
    }

    NvmlResult<NvmlEventSet> create() {
        try (var arena = OutParams.open()) {
            var out = arena.allocate(ADDRESS);
            int rc = (int) nvmlEventSetCreate.invokeExact(out);
            return rc != 0 ? NvmlResult.error("nvmlEventSetCreate", rc)
                    : NvmlResult.ok("nvmlEventSetCreate", new NvmlEventSet(out.get(ADDRESS, 0).address()));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    NvmlResult<Long> supportedTypes(NvmlDevice d) {
        try (var arena = OutParams.open()) {
            var out = arena.allocate(JAVA_LONG);
            int rc = (int) nvmlDeviceGetSupportedEventTypes.invokeExact(FfmNvml.address(d), out);
            return rc != 0 ? NvmlResult.error("nvmlDeviceGetSupportedEventTypes", rc)
                    : NvmlResult.ok("nvmlDeviceGetSupportedEventTypes", out.get(JAVA_LONG, 0));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    NvmlResult<Void> register(NvmlDevice d, long eventTypes, NvmlEventSet set) {
        try {
            int rc = (int) nvmlDeviceRegisterEvents.invokeExact(FfmNvml.address(d), eventTypes, address(set));
            return rc != 0 ? NvmlResult.error("nvmlDeviceRegisterEvents", rc) : NvmlResult.ok("nvmlDeviceRegisterEvents", null);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** Blocks the calling thread for up to {@code timeoutMs} inside the driver. */
    NvmlResult<NvmlEvent> await(NvmlEventSet set, int timeoutMs) {
        try (var arena = OutParams.open()) {
            var data = arena.allocate(NvmlLayouts.EVENT_DATA);
            int rc = (int) nvmlEventSetWait_v2.invokeExact(address(set), data, timeoutMs);
            return rc != 0 ? NvmlResult.error("nvmlEventSetWait_v2", rc)
                    : NvmlResult.ok("nvmlEventSetWait_v2", NvmlLayouts.event(data));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    NvmlResult<Void> free(NvmlEventSet set) {
        try {
            int rc = (int) nvmlEventSetFree.invokeExact(address(set));
            return rc != 0 ? NvmlResult.error("nvmlEventSetFree", rc) : NvmlResult.ok("nvmlEventSetFree", null);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    private static MemorySegment address(NvmlEventSet set) {
        return MemorySegment.ofAddress(set.handle());
    }
}
