package io.hami.testfixtures.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlApi;
import io.hami.bindings.nvml.NvmlEvent;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlGpuLostException;
import io.hami.bindings.nvml.NvmlReturn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fault injection, written once for the Java fake and the C mock: lost GPUs, failed init, XID events, leaks. */
abstract class NvmlFaultContract {

    /** A fresh, uninitialized NVML answering from the fixture profile {@code profile}. */
    protected abstract NvmlApi machine(String profile);

    /** Queues an XID on the machine last returned; the mock's status code (0 = queued). */
    protected abstract int injectXid(int index, long xid);

    /** Inits of the machine last returned not yet shut down. */
    protected abstract int initCount();

    /** Event sets of the machine last returned not yet freed. */
    protected abstract int liveEventSets();

    private final List<Nvml.Session> sessions = new ArrayList<>();

    private Nvml open(String profile) {
        var nvml = new Nvml(machine(profile), Path.of("/nonexistent-sysfs"));
        sessions.add(nvml.start());
        return nvml;
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(Nvml.Session::close);
    }

    @Test
    void aGpuLostMidListingIsListedUnhealthyBesideTheHealthyOnes() {
        var survey = open(NvmlProfile.GPU_LOST).survey();
        assertThat(survey).extracting(s -> s.healthy()).containsExactly(true, false, false, true);
        var midway = survey.get(1);
        assertThat(midway.uuid()).contains("GPU-1057a100-0000-4000-8000-000000000001");
        assertThat(midway.name()).contains("NVIDIA A100-SXM4-40GB");
        assertThat(midway.memoryTotalMiB()).isEmpty();
        assertThat(midway.problems()).containsExactly(
                "device 1 (GPU-1057a100-0000-4000-8000-000000000001): nvmlDeviceGetMemoryInfo_v2 failed: GPU_IS_LOST (15)");
        var gone = survey.get(2);
        assertThat(gone.uuid()).isEmpty();
        assertThat(gone.problems()).containsExactly("device 2: nvmlDeviceGetUUID failed: GPU_IS_LOST (15)");
        assertThat(survey.get(3).memoryUsedMiB().getAsLong()).isEqualTo(1024);
    }

    @Test
    void aLostGpuStillHasAHandleButEveryCallThrowsGpuLost() {
        var nvml = open(NvmlProfile.GPU_LOST);
        var d = nvml.device(2);
        assertThatThrownBy(() -> nvml.memory(d)).isInstanceOf(NvmlGpuLostException.class)
                .hasMessage("nvmlDeviceGetMemoryInfo_v2 failed: GPU_IS_LOST (15)");
        assertThatThrownBy(() -> nvml.migMode(d)).isInstanceOf(NvmlGpuLostException.class);
        assertThatThrownBy(() -> nvml.computeProcesses(d))
                .hasMessage("nvmlDeviceGetComputeRunningProcesses_v3 failed: GPU_IS_LOST (15)");
    }

    @Test
    void aFailedInitThrowsAndLeavesNothingToShutDown() {
        var nvml = new Nvml(machine(NvmlProfile.INIT_FAILS), Path.of("/sys"));
        assertThatThrownBy(nvml::start).isInstanceOf(NvmlException.class)
                .hasMessage("nvmlInit_v2 failed: DRIVER_NOT_LOADED (9)");
        assertThat(nvml.sessions()).isZero();
        assertThat(initCount()).isZero();
    }

    @Test
    void sessionsBalanceInitAndShutdown() {
        var nvml = new Nvml(machine(NvmlProfile.EIGHT_A100), Path.of("/sys"));
        var a = nvml.start();
        var b = nvml.start();
        assertThat(initCount()).isEqualTo(1);
        a.close();
        a.close();
        assertThat(initCount()).isEqualTo(1);
        b.close();
        assertThat(initCount()).isZero();
        assertThat(nvml.api().deviceCount().status()).isEqualTo(NvmlReturn.UNINITIALIZED);
    }

    @Test
    void queuedXidsArriveInOrderWithTheirInstances() {
        var nvml = open(NvmlProfile.XID_QUEUE);
        try (var watch = nvml.watch()) {
            assertThat(watch.registerHealthEvents(nvml.device(0))).isTrue();
            assertThat(watch.registerHealthEvents(nvml.device(1))).isTrue();
            var first = watch.next(Duration.ofSeconds(5)).orElseThrow();
            assertThat(first.device()).isEqualTo(nvml.device(1));
            assertThat(first.isXid()).isTrue();
            assertThat(first.eventData()).isEqualTo(79);
            assertThat(first.gpuInstanceId()).isEmpty();
            var second = watch.next(Duration.ofSeconds(5)).orElseThrow();
            assertThat(second.device()).isEqualTo(nvml.device(0));
            assertThat(second.eventData()).isEqualTo(31);
            assertThat(second.gpuInstanceId()).isEqualTo(OptionalInt.of(1));
            assertThat(second.computeInstanceId()).isEqualTo(OptionalInt.of(0));
            assertThat(watch.next(Duration.ofSeconds(5)).orElseThrow().eventData()).isEqualTo(48);
            assertThat(watch.next(Duration.ofMillis(20))).isEmpty();
        }
    }

    @Test
    void xidsOfAnUnregisteredDeviceStayQueued() {
        var nvml = open(NvmlProfile.XID_QUEUE);
        try (var watch = nvml.watch()) {
            watch.registerHealthEvents(nvml.device(0));
            assertThat(watch.next(Duration.ofSeconds(5)).orElseThrow().eventData()).isEqualTo(31);
            assertThat(watch.next(Duration.ofMillis(20))).isEmpty();
        }
    }

    @Test
    void aDeviceWithoutEccEventsRegistersOnlyForXids() {
        var nvml = open(NvmlProfile.XID_QUEUE);
        try (var watch = nvml.watch()) {
            assertThat(watch.register(nvml.device(1), NvmlEvent.DOUBLE_BIT_ECC_ERROR)).isFalse();
            assertThat(watch.registerHealthEvents(nvml.device(1))).isTrue();
        }
    }

    @Test
    void anInjectedXidWakesAWaiter() throws Exception {
        var nvml = open(NvmlProfile.EIGHT_A100);
        try (var watch = nvml.watch()) {
            watch.registerHealthEvents(nvml.device(5));
            long start = System.nanoTime();
            var waiting = CompletableFuture.supplyAsync(() -> watch.next(Duration.ofSeconds(30)));
            Thread.sleep(100);
            assertThat(injectXid(5, 63)).isZero();
            var event = waiting.get(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(event.eventData()).isEqualTo(63);
            assertThat(event.device()).isEqualTo(nvml.device(5));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void closingAWatchFreesItsEventSetOnce() {
        var nvml = open(NvmlProfile.EIGHT_A100);
        int before = liveEventSets();
        var watch = nvml.watch();
        assertThat(liveEventSets()).isEqualTo(before + 1);
        watch.close();
        watch.close();
        assertThat(liveEventSets()).isEqualTo(before);
    }

    @Test
    void callsBeforeInitAnswerUninitialized() {
        var api = machine(NvmlProfile.EIGHT_A100);
        assertThat(api.deviceCount().status()).isEqualTo(NvmlReturn.UNINITIALIZED);
        assertThat(api.systemDriverVersion().status()).isEqualTo(NvmlReturn.UNINITIALIZED);
        assertThat(api.shutdown().status()).isEqualTo(NvmlReturn.UNINITIALIZED);
    }
}
