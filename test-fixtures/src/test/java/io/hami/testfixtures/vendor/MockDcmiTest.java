package io.hami.testfixtures.vendor;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.dcmi.Dcmi;
import io.hami.bindings.dcmi.DcmiEventFilter;
import io.hami.bindings.dcmi.DcmiFaultEvent;
import io.hami.testfixtures.mock.VendorMock;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ascend's discovery against the mock libdcmi.so, and what only DCMI has: fault events called back through an
 * upcall stub from a thread of the library's, with the filter passed by value; vNPUs from templates.
 */
class MockDcmiTest extends MockDiscoveryContract {

    @Override
    protected VendorMock mock() {
        return VendorMock.ASCEND;
    }

    @Override
    protected int initsLeftAfterDiscovery() {
        return 1;
    }

    @Override
    protected String midwayFailure() {
        return "dcmi_get_device_memory_info_v3 failed: DEVICE_NOT_EXIST (-8008)";
    }

    @Override
    protected String healthProblem() {
        return "dcmi_get_device_health reports alarm level 2";
    }

    @Override
    protected String initFailure() {
        return "dcmi_init failed: NOT_READY (-8012)";
    }

    @Override
    protected String oldVariant() {
        return "dcmi-old";
    }

    @Override
    protected String missingSymbolFailure() {
        return "dcmi_get_device_pcie_info_v2 failed: FUNCTION_NOT_FOUND (-99998)";
    }

    @Override
    protected String mainNode(int number) {
        return "/dev/davinci" + number;
    }

    private Dcmi dcmi() {
        return Dcmi.open(mock().library().useProfile(VendorMock.MACHINE).library());
    }

    @Test
    void faultEventsArriveThroughTheUpcallFromTheLibrarysThread() throws Throwable {
        var dcmi = dcmi();
        var heard = new LinkedBlockingQueue<DcmiFaultEvent>();
        var threads = new LinkedBlockingQueue<Thread>();
        try (var _ = dcmi.start(); var subscription = dcmi.subscribeFaultEvents(DcmiEventFilter.atLeast(2), e -> {
            threads.add(Thread.currentThread());
            heard.add(e);
        })) {
            var queued = heard.poll(10, TimeUnit.SECONDS);
            assertThat(queued).isNotNull();
            assertThat(queued.eventId()).isEqualTo(2165326081L);
            assertThat(queued.deviceId()).isEqualTo(2);
            assertThat(queued.severity()).isEqualTo(2);
            assertThat(queued.nodeType()).isEqualTo(3);
            assertThat(queued.name()).isEqualTo("HBM ECC multi-bit error");
            assertThat(queued.raised()).isTrue();
            assertThat(threads.take()).isNotSameAs(Thread.currentThread());
            assertThat(inject(1, 0x80E18402L, 1, "below the filter")).isZero();
            assertThat(inject(3, 0x80E18403L, 3, "link down")).isZero();
            var injected = heard.poll(10, TimeUnit.SECONDS);
            assertThat(injected.name()).isEqualTo("link down");
            assertThat(injected.deviceId()).isEqualTo(3);
            assertThat(heard.poll(200, TimeUnit.MILLISECONDS)).as("the severity-1 event is filtered out").isNull();
            assertThat(subscription.delivered()).isEqualTo(2);
            assertThat(subscription.failed()).isZero();
        }
    }

    @Test
    void theFilterArrivesByValueWhole() throws Throwable {
        var dcmi = dcmi();
        try (var _ = dcmi.start(); var _ = dcmi.subscribeFaultEvents(new DcmiEventFilter(java.util.OptionalLong.of(0x80E01801L),
                java.util.OptionalInt.of(1), java.util.OptionalInt.of(7)), e -> { }); var arena = Arena.ofConfined()) {
            var filter = arena.allocate(48, 8);
            var lastFilter = mock().library().control("hamiMockDcmiLastFilter", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            assertThat((int) lastFilter.invokeExact(filter)).isPositive();
            assertThat(filter.get(JAVA_LONG, 0)).isEqualTo(0x7L);
            assertThat(filter.get(JAVA_INT, 8)).isEqualTo(0x80E01801);
            assertThat(filter.get(JAVA_BYTE, 12)).isEqualTo((byte) 1);
            assertThat(filter.get(JAVA_BYTE, 13)).isEqualTo((byte) 7);
        }
    }

    @Test
    void aListenerThatThrowsIsCountedNotRethrownIntoTheLibrary() throws Exception {
        var dcmi = dcmi();
        try (var _ = dcmi.start(); var subscription = dcmi.subscribeFaultEvents(DcmiEventFilter.ALL, e -> {
            throw new IllegalStateException("listener bug");
        })) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (subscription.failed() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(subscription.failed()).isEqualTo(1);
            assertThat(subscription.delivered()).isZero();
        }
    }

    @Test
    void vnpusAreMadeFromTemplatesAndDestroyed() throws Throwable {
        var dcmi = dcmi();
        var live = mock().library().control("hamiMockDcmiLiveVnpus", FunctionDescriptor.of(JAVA_INT));
        try (var _ = dcmi.start()) {
            var chip = dcmi.chip(1);
            var vnpu = dcmi.createVnpu(chip, "vir05_1c_16g");
            assertThat(vnpu.vdevId()).isEqualTo(116);
            assertThat(vnpu.hostNode()).isEqualTo("/dev/vdavinci116");
            assertThat((int) live.invokeExact()).isEqualTo(1);
            assertThatThrownBy(() -> dcmi.createVnpu(chip, "vir99")).hasMessage("dcmi_create_vdevice failed: INVALID_PARAMETER (-8001)");
            assertThatThrownBy(() -> dcmi.createVnpu(chip, "x".repeat(32)))
                    .hasMessageStartingWith("dcmi_create_vdevice failed: INVALID_PARAMETER (-8001), template name xxx");
            dcmi.destroyVnpu(chip, vnpu.vdevId());
            assertThat((int) live.invokeExact()).isZero();
            assertThatThrownBy(() -> dcmi.destroyVnpu(chip, vnpu.vdevId())).hasMessage("dcmi_set_destroy_vdevice failed: INVALID_PARAMETER (-8001)");
        }
    }

    @Test
    void chipsOfOneCardAreListedByLogicId() {
        var listed = Dcmi.open(mock().library().useProfile(VendorMock.FAULT_MIDWAY).library());
        try (var _ = listed.start()) {
            assertThat(listed.chip(1)).isEqualTo(new io.hami.bindings.dcmi.DcmiChip(0, 1, 1));
            assertThat(listed.chip(2)).isEqualTo(new io.hami.bindings.dcmi.DcmiChip(1, 0, 2));
        }
    }

    private int inject(int logic, long eventId, int severity, String name) throws Throwable {
        var handle = mock().library().control("hamiMockDcmiInjectFault", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        try (var arena = Arena.ofConfined()) {
            return (int) handle.invokeExact(logic, (int) eventId, severity, arena.allocateFrom(name));
        }
    }
}
