package io.hami.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.monitor.metrics.CollectErrors.Reason;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which of a discovery's devices and numbers become host samples, and which are counted as errors. */
class DiscoveryHostTest {
    private final CollectErrors errors = new CollectErrors(DeviceVendor.CAMBRICON);

    private static DiscoveredDevice device(int index, String uuid, OptionalLong usedMiB, OptionalInt utilization,
                                           boolean healthy) {
        return new DiscoveredDevice(DeviceVendor.CAMBRICON, index, Optional.ofNullable(uuid), Optional.of("MLU370-X8"),
                OptionalLong.of(49152), usedMiB, utilization, healthy, OptionalInt.empty(), Optional.empty(),
                OptionalInt.empty(), List.of(), Optional.empty(), List.of(), healthy ? List.of() : List.of("device " + index + ": failed"));
    }

    private List<HostGpuSample> read(DiscoveredDevice... devices) {
        var discovery = new DeviceDiscovery() {
            @Override
            public DeviceVendor vendor() {
                return DeviceVendor.CAMBRICON;
            }

            @Override
            public String library() {
                return "libcndev.so";
            }

            @Override
            public List<DiscoveredDevice> discover() {
                return List.of(devices);
            }
        };
        return new DiscoveryHost(discovery).read(errors);
    }

    @Test
    void memoryIsExportedInBytesAndThereIsNoMemoryControllerUtilization() {
        var samples = read(device(0, "MLU-a", OptionalLong.of(6144), OptionalInt.of(37), true));
        assertThat(samples).containsExactly(new HostGpuSample(0, "MLU-a", "MLU370-X8", OptionalLong.of(6144L << 20),
                OptionalInt.of(37), OptionalInt.empty()));
        assertThat(errors.get(Reason.HOST_LIBRARY)).isZero();
    }

    @Test
    void aDeviceWithoutAUuidIsLeftOutAndCounted() {
        var samples = read(device(0, null, OptionalLong.of(1), OptionalInt.of(1), false),
                device(1, "MLU-b", OptionalLong.of(0), OptionalInt.of(0), true));
        assertThat(samples).extracting(HostGpuSample::uuid).containsExactly("MLU-b");
        assertThat(errors.get(Reason.HOST_LIBRARY)).isEqualTo(1);
    }

    @Test
    void aNumberAHealthyDeviceDoesNotOfferIsMissingButNotAnError() {
        var samples = read(device(0, "MLU-a", OptionalLong.of(1024), OptionalInt.empty(), true));
        assertThat(samples.getFirst().utilization()).isEmpty();
        assertThat(errors.get(Reason.HOST_LIBRARY)).isZero();
    }

    @Test
    void aNumberLostToAFailedCallIsMissingAndCountedOncePerDevice() {
        var samples = read(device(0, "MLU-a", OptionalLong.empty(), OptionalInt.empty(), false));
        assertThat(samples.getFirst().memoryUsed()).isEmpty();
        assertThat(samples.getFirst().utilization()).isEmpty();
        assertThat(errors.get(Reason.HOST_LIBRARY)).isEqualTo(1);
    }

    @Test
    void aSickDeviceThatGaveItsNumbersIsExportedAndNotCounted() {
        var samples = read(device(0, "MLU-a", OptionalLong.of(0), OptionalInt.of(0), false));
        assertThat(samples.getFirst().memoryUsed()).hasValue(0);
        assertThat(errors.get(Reason.HOST_LIBRARY)).isZero();
    }

    @Test
    void aUsedMemoryNoDeviceCanHaveIsLeftOutAndCounted() {
        var samples = read(device(0, "MLU-a", OptionalLong.of(Long.MAX_VALUE >> 19), OptionalInt.of(5), true),
                device(1, "MLU-b", OptionalLong.of(-1), OptionalInt.of(5), true));
        assertThat(samples).allSatisfy(s -> assertThat(s.memoryUsed()).isEmpty());
        assertThat(samples).allSatisfy(s -> assertThat(s.utilization()).hasValue(5));
        assertThat(errors.get(Reason.HOST_LIBRARY)).isEqualTo(2);
    }

    @Test
    void theErrorLabelNamesTheVendorsLibrary() {
        assertThat(errors.label(Reason.HOST_LIBRARY)).isEqualTo("cndev");
        assertThat(new CollectErrors().label(Reason.HOST_LIBRARY)).isEqualTo("nvml");
        assertThat(new CollectErrors(DeviceVendor.HYGON).label(Reason.HOST_LIBRARY)).isEqualTo("rocm-smi");
    }
}
