package io.hami.bindings.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.nvml.NvmlReturn;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The survey every vendor runs, on a library scripted in Java: what a failed call costs (one fact), what a lost
 * device costs (the rest of its facts), what a missing function costs (nothing of its health), and how a
 * library that cannot list is named.
 */
class LibraryDiscoveryTest {

    private static final NativeCalls NVML = new NativeCalls(NvmlReturn.STATUSES);

    /** Devices 0..n-1; {@code failing} maps "device/fact" to the status that fact's call answers. */
    private static final class Scripted extends LibraryDiscovery<Integer> {
        private final int count;
        private final Map<String, Integer> failing;
        int sessions;
        int closed;

        Scripted(int count, Map<String, Integer> failing) {
            super(DeviceVendor.NVIDIA, "libscripted.so");
            this.count = count;
            this.failing = failing;
        }

        private <T> T call(int device, String fact, T value) {
            var code = failing.get(device + "/" + fact);
            return code == null ? NVML.ok("f_" + fact, value).orThrow() : NVML.<T>error("f_" + fact, code).orThrow();
        }

        @Override
        protected AutoCloseable session() {
            call(-1, "init", null);
            sessions++;
            return () -> closed++;
        }

        @Override
        protected int deviceCount() {
            return call(-1, "count", count);
        }

        @Override
        protected Integer device(int index) {
            return call(index, "handle", index);
        }

        @Override
        protected void describe(int index, Integer d, DeviceFacts facts) {
            facts.uuid(() -> call(d, "uuid", "DEV-" + d));
            facts.memory(() -> call(d, "memory", new DeviceFacts.Memory(1024, 24)));
            facts.utilization(() -> call(d, "utilization", 250));
            var minor = facts.minor(() -> call(d, "minor", 10 + d));
            facts.health(() -> call(d, "health", d == 3 ? "overheated" : null));
            facts.deviceNodes(minor, List.of("/dev/x{n}"), List.of("/dev/xctl"));
        }
    }

    @Test
    void everyFactOfAHealthyDeviceIsRead() {
        var d = new Scripted(1, Map.of()).discover().getFirst();
        assertThat(d.uuid()).contains("DEV-0");
        assertThat(d.memoryTotalMiB()).isEqualTo(OptionalLong.of(1024));
        assertThat(d.utilization()).as("clamped").isEqualTo(OptionalInt.of(100));
        assertThat(d.deviceNodes()).containsExactly("/dev/x10", "/dev/xctl");
        assertThat(d.healthy()).isTrue();
    }

    @Test
    void aFailedCallCostsOneFactALostDeviceTheRest() {
        var listed = new Scripted(3, Map.of("1/memory", 2, "2/memory", 15)).discover();
        assertThat(listed).extracting(DiscoveredDevice::healthy).containsExactly(true, false, false);
        assertThat(listed.get(1).minor()).isEqualTo(OptionalInt.of(11));
        assertThat(listed.get(1).problems()).containsExactly("device 1 (DEV-1): f_memory failed: INVALID_ARGUMENT (2)");
        assertThat(listed.get(2).minor()).isEmpty();
        assertThat(listed.get(2).deviceNodes()).containsExactly("/dev/xctl");
        assertThat(listed.get(2).problems()).containsExactly("device 2 (DEV-2): f_memory failed: GPU_IS_LOST (15)");
    }

    @Test
    void aMissingFunctionIsNamedButTheDeviceStaysHealthy() {
        var d = new Scripted(1, Map.of("0/uuid", 13)).discover().getFirst();
        assertThat(d.healthy()).isTrue();
        assertThat(d.uuid()).isEmpty();
        assertThat(d.problems()).containsExactly("device 0: f_uuid failed: FUNCTION_NOT_FOUND (13)");
    }

    @Test
    void theVendorsHealthCheckSaysWhy() {
        var d = new Scripted(4, Map.of()).discover().get(3);
        assertThat(d.healthy()).isFalse();
        assertThat(d.problems()).containsExactly("device 3 (DEV-3): overheated");
    }

    @Test
    void aDeviceWithoutAHandleIsListedWithItsProblemOnly() {
        var listed = new Scripted(2, Map.of("0/handle", 6)).discover();
        assertThat(listed.getFirst().uuid()).isEmpty();
        assertThat(listed.getFirst().problems()).containsExactly("device 0: f_handle failed: NOT_FOUND (6)");
        assertThat(listed.get(1).healthy()).isTrue();
    }

    @Test
    void aLibraryThatCannotCountIsNamedAndItsSessionClosed() {
        var scripted = new Scripted(2, Map.of("-1/count", 9));
        assertThatThrownBy(scripted::discover).isInstanceOf(DiscoveryException.class)
                .hasMessage("NVIDIA NVML not available: libscripted.so: f_count failed: DRIVER_NOT_LOADED (9)");
        assertThat(scripted.closed).isEqualTo(1);
        var noInit = new Scripted(2, Map.of("-1/init", 9));
        assertThatThrownBy(noInit::discover).hasMessageEndingWith("f_init failed: DRIVER_NOT_LOADED (9)");
        assertThat(noInit.closed).isZero();
    }
}
