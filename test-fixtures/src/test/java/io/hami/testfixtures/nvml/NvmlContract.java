package io.hami.testfixtures.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.nvml.MemoryInfo;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlApi;
import io.hami.bindings.nvml.NvmlDevice;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlReturn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What any NVML must do, written once: run against the Java fake and the C mock (both as the 8 × A100 machine)
 * and, where a GPU is present, a real driver. Only facts every machine shares are asserted here; the machine's
 * exact numbers are {@link NvmlMachineContract}'s.
 */
abstract class NvmlContract {

    /** A fresh, uninitialized NVML to test. */
    protected abstract NvmlApi api();

    protected NvmlApi api;
    protected Nvml nvml;
    private Nvml.Session session;

    @BeforeEach
    void start() {
        api = api();
        nvml = new Nvml(api, Path.of("/sys"));
        session = nvml.start();
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
    }

    private List<NvmlDevice> devices() {
        return IntStream.range(0, nvml.deviceCount()).mapToObj(nvml::device).toList();
    }

    @Test
    void initIsReferenceCountedAndTheLastShutdownUninitializes() {
        var second = nvml.start();
        second.close();
        second.close();
        assertThat(api.deviceCount().ok()).isTrue();
        session.close();
        assertThat(nvml.sessions()).isZero();
        assertThat(api.deviceCount().status()).isEqualTo(NvmlReturn.UNINITIALIZED);
        session = nvml.start();
        assertThat(api.deviceCount().ok()).isTrue();
    }

    @Test
    void reportsDriverNvmlAndCudaVersions() {
        assertThat(nvml.driverVersion()).matches("\\d+\\.\\d+(\\.\\d+)?");
        assertThat(nvml.nvmlVersion()).isNotBlank();
        assertThat(nvml.cudaDriverVersion()).isBetween(1000, 99999);
    }

    @Test
    void everyDeviceIsFoundAgainByItsUuid() {
        for (var d : devices()) {
            var uuid = nvml.uuid(d);
            assertThat(uuid).matches("GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(nvml.deviceByUuid(uuid)).isEqualTo(d);
            assertThat(nvml.name(d)).isNotBlank();
        }
    }

    @Test
    void memoryOfBothCallsAddsUp() {
        for (var d : devices()) {
            MemoryInfo v2 = api.deviceMemoryInfoV2(d).orThrow();
            MemoryInfo v1 = api.deviceMemoryInfo(d).orThrow();
            assertThat(v2.reserved()).isPresent();
            assertThat(v1.reserved()).isEmpty();
            assertThat(v1.total()).isEqualTo(v2.total()).isPositive();
            assertThat(v2.used() + v2.reserved().getAsLong()).isLessThanOrEqualTo(v2.total());
            assertThat(v2.free()).isBetween(0L, v2.total());
            assertThat(v1.used()).isBetween(v2.used(), v1.total());
        }
    }

    @Test
    void theRecordFreeMemoryCallsGiveTheRecordsUsedBytes() {
        for (var d : devices()) {
            assertThat(api.deviceMemoryUsed(d)).isEqualTo(api.deviceMemoryInfo(d).orThrow().used()).isNotNegative();
            assertThat(api.deviceMemoryUsedV2(d)).isEqualTo(api.deviceMemoryInfoV2(d).orThrow().used()).isNotNegative();
        }
    }

    @Test
    void pciIdentityIsConsistent() {
        for (var d : devices()) {
            var pci = nvml.pciInfo(d);
            assertThat(pci.busId()).matches("[0-9A-F]{8}:[0-9A-F]{2}:[0-9A-F]{2}\\.0");
            assertThat(pci.busIdLegacy()).isEqualTo(String.format("%04X:%02X:%02X.0", pci.domain() & 0xFFFF, pci.bus(), pci.device()));
            assertThat(pci.busId()).endsWith(String.format(":%02X:%02X.0", pci.bus(), pci.device()));
            assertThat(pci.vendorId()).isEqualTo(0x10DE);
        }
    }

    @Test
    void minorNumbersAreDistinct() {
        var minors = new HashSet<Integer>();
        devices().forEach(d -> assertThat(minors.add(nvml.minor(d))).isTrue());
    }

    @Test
    void processListsCarryPids() {
        for (var d : devices()) {
            nvml.computeProcesses(d).orElseThrow().forEach(p -> assertThat(p.pid()).isPositive());
        }
    }

    @Test
    void optionalFactsAreValuesOrEmptyNeverFailures() {
        for (var d : devices()) {
            nvml.serial(d);
            nvml.bar1Memory(d).ifPresent(b -> assertThat(b.used() + b.free()).isEqualTo(b.total()));
            nvml.numaNode(d).ifPresent(n -> assertThat(n).isNotNegative());
            nvml.utilization(d).ifPresent(u -> assertThat(u.gpu()).isBetween(0, 100));
            nvml.temperature(d).ifPresent(t -> assertThat(t).isBetween(0, 150));
            nvml.powerUsage(d).ifPresent(p -> assertThat(p).isNotNegative());
            nvml.migMode(d);
            nvml.architecture(d);
            nvml.computeCapability(d).ifPresent(c -> assertThat(c.major()).isBetween(1, 99));
        }
    }

    @Test
    void anUnknownUuidIsNotFound() {
        assertThatThrownBy(() -> nvml.deviceByUuid("GPU-00000000-0000-0000-0000-000000000000"))
                .isInstanceOf(NvmlException.class)
                .hasMessage("nvmlDeviceGetHandleByUUID failed: NOT_FOUND (6)");
    }

    @Test
    void anIndexPastTheLastDeviceIsAnInvalidArgument() {
        var r = api.deviceHandleByIndex(nvml.deviceCount());
        assertThat(r.status()).isEqualTo(NvmlReturn.INVALID_ARGUMENT);
        assertThat(r.symbol()).startsWith("nvmlDeviceGetHandleByIndex");
    }

    @Test
    void anEventWaitReturnsWithinItsTimeout() {
        try (var watch = nvml.watch()) {
            devices().forEach(watch::registerHealthEvents);
            long start = System.nanoTime();
            watch.next(Duration.ofMillis(20));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theSurveyListsEveryDeviceOnce() {
        var survey = nvml.survey();
        assertThat(survey).hasSize(nvml.deviceCount());
        assertThat(survey).extracting(s -> s.index()).containsExactlyElementsOf(IntStream.range(0, survey.size()).boxed().toList());
        assertThat(survey).allSatisfy(s -> {
            assertThat(s.problems()).isEmpty();
            assertThat(s.healthy()).isTrue();
            assertThat(s.uuid()).isPresent();
        });
    }
}
