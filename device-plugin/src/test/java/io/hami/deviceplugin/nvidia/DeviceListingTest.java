package io.hami.deviceplugin.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.deviceplugin.nvidia.DeviceListing.Strategy;
import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.HostDevice;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The strategies' words, their checks, and the control nodes of passDeviceSpecs. */
class DeviceListingTest {

    private static final ContainerSpec HAMI_CORE = new ContainerSpec(
            Map.of("NVIDIA_VISIBLE_DEVICES", "GPU-a", "CUDA_DEVICE_SM_LIMIT", "0"), List.of());

    @Test
    void theFlagTakesNvidiasWordsAndRefusesOthersNamingThem() {
        assertThat(DeviceListing.parse(List.of("envvar", " cdi-cri"))).containsExactlyInAnyOrder(Strategy.ENVVAR,
                Strategy.CDI_CRI);
        assertThatThrownBy(() -> DeviceListing.parse(List.of("cdi"))).hasMessage("--device-list-strategy: unknown "
                + "strategy \"cdi\" (envvar, volume-mounts, cdi-annotations or cdi-cri)");
        assertThatThrownBy(() -> DeviceListing.parse(List.of("envvar", "envvar")))
                .hasMessage("--device-list-strategy: envvar given twice");
        assertThatThrownBy(() -> new DeviceListing(EnumSet.noneOf(Strategy.class), false, "hami.io/gpu", "cdi.k8s.io/"))
                .hasMessageStartingWith("--device-list-strategy: at least one");
        assertThatThrownBy(() -> new DeviceListing(EnumSet.of(Strategy.CDI_CRI), false, "gpu", "cdi.k8s.io/"))
                .hasMessageStartingWith("--cdi-kind: expected vendor/class");
        assertThatThrownBy(() -> new DeviceListing(EnumSet.of(Strategy.CDI_CRI), false, "nvidia.com/gpu", "cdi"))
                .hasMessageStartingWith("--cdi-annotation-prefix: expected a DNS name and '/'");
    }

    @Test
    void passDeviceSpecsHandsOutTheControlNodesThatExistThenTheGpus() {
        var listing = new DeviceListing(EnumSet.of(Strategy.ENVVAR), true, "nvidia.com/gpu", "cdi.k8s.io/");
        var spec = listing.apply(HAMI_CORE, List.of("GPU-a", "GPU-b", "GPU-a"),
                uuid -> OptionalInt.of(uuid.equals("GPU-a") ? 3 : 5),
                path -> !path.equals("/dev/nvidia-modeset"), "r1");
        assertThat(spec.devices()).extracting(HostDevice::containerPath).containsExactly("/dev/nvidiactl",
                "/dev/nvidia-uvm", "/dev/nvidia-uvm-tools", "/dev/nvidia3", "/dev/nvidia5");
        assertThat(spec.env()).containsEntry("NVIDIA_VISIBLE_DEVICES", "GPU-a,GPU-b");
    }

    @Test
    void aGpuWithoutAMinorCannotBePassed() {
        var listing = new DeviceListing(EnumSet.of(Strategy.ENVVAR), true, "nvidia.com/gpu", "cdi.k8s.io/");
        assertThatThrownBy(() -> listing.apply(HAMI_CORE, List.of("GPU-a"), uuid -> OptionalInt.empty(), p -> true,
                "r1")).hasMessage("device GPU-a: no minor number, so no device node to pass (passDeviceSpecs)");
    }

    @Test
    void aCustomAnnotationPrefixAndNvidiasKindAreWrittenAsGiven() {
        var listing = new DeviceListing(EnumSet.of(Strategy.CDI_ANNOTATIONS), true, "nvidia.com/gpu", "example.com/");
        var spec = listing.apply(HAMI_CORE, List.of("GPU-a"), uuid -> OptionalInt.of(0), p -> true, "r1");
        assertThat(spec.annotations()).containsExactly(Map.entry("example.com/nvidia-device-plugin_r1", "nvidia.com/gpu=GPU-a"));
        assertThat(spec.devices()).as("CDI alone: the runtime injects the nodes").isEmpty();
    }
}
