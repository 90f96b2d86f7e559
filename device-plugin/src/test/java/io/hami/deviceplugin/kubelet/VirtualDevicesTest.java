package io.hami.deviceplugin.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.deviceplugin.devices.DeviceInventory.DeviceState;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.kubelet.v1beta1.Device;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VirtualDevicesTest {

    @Test
    void slotIdsCarryTheUuidAndAnIndex() {
        assertThat(VirtualDevices.id("GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448", 9)).isEqualTo("GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448-9");
        assertThat(VirtualDevices.uuidOf("GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448-9")).contains("GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448");
        assertThat(VirtualDevices.uuidOf("GPU-a-12")).contains("GPU-a");
        assertThat(VirtualDevices.uuidOf("GPU-a-")).isEmpty();
        assertThat(VirtualDevices.uuidOf("GPU-a-x")).isEmpty();
        assertThat(VirtualDevices.uuidOf("nodash")).isEmpty();
    }

    @Test
    void offersSplitCountSlotsPerDeviceWithHealthAndOptionalNuma() {
        var a = new PhysicalDevice(0, "GPU-a", "NVIDIA-T4", OptionalLong.empty(), OptionalInt.of(1), true);
        var b = new PhysicalDevice(1, "GPU-b", "NVIDIA-T4", OptionalLong.empty(), OptionalInt.empty(), true);
        var states = List.of(new DeviceState(a, true), new DeviceState(b, false));

        var withNuma = VirtualDevices.response(states, 3, true);
        assertThat(withNuma.getDevicesList()).extracting(Device::getID)
                .containsExactly("GPU-a-0", "GPU-a-1", "GPU-a-2", "GPU-b-0", "GPU-b-1", "GPU-b-2");
        assertThat(withNuma.getDevicesList()).extracting(Device::getHealth)
                .containsExactly("Healthy", "Healthy", "Healthy", "Unhealthy", "Unhealthy", "Unhealthy");
        assertThat(withNuma.getDevices(0).getTopology().getNodes(0).getID()).isEqualTo(1);
        assertThat(withNuma.getDevices(3).hasTopology()).isFalse();
        assertThat(VirtualDevices.response(states, 3, false).getDevices(0).hasTopology()).isFalse();
    }
}
