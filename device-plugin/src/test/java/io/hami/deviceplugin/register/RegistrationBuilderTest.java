package io.hami.deviceplugin.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.deviceplugin.devices.DeviceInventory.DeviceState;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.annotation.NodeScoreCodec;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RegistrationBuilderTest {
    static final PhysicalDevice A = new PhysicalDevice(0, "GPU-a", "NVIDIA-Tesla T4", OptionalLong.of(15360), OptionalInt.of(0), true);
    static final PhysicalDevice B = new PhysicalDevice(1, "GPU-b", "NVIDIA-GB10", OptionalLong.empty(), OptionalInt.of(1), true);
    static final PhysicalDevice C = new PhysicalDevice(2, "GPU-c", "NVIDIA-Tesla T4", OptionalLong.of(15360), OptionalInt.empty(), true);

    @Test
    void scalesMemoryAndCoresAndFallsBackToTheConfiguredMemory() {
        var builder = new RegistrationBuilder(10, 1.5, 2.0, 131072, "hami-core");
        var registration = builder.registration(List.of(new DeviceState(A, true), new DeviceState(B, false))).orElseThrow();
        assertThat(NodeRegisterCodec.INSTANCE.encode(registration)).isEqualTo(
                "[{\"id\":\"GPU-a\",\"count\":10,\"devmem\":23040,\"devcore\":200,\"type\":\"NVIDIA-Tesla T4\",\"mode\":\"hami-core\",\"health\":true},"
                + "{\"id\":\"GPU-b\",\"index\":1,\"count\":10,\"devmem\":196608,\"devcore\":200,\"type\":\"NVIDIA-GB10\",\"numa\":1,\"mode\":\"hami-core\"}]");
    }

    @Test
    void memoryIsRoundedDownAsHamiDoes() {
        var builder = new RegistrationBuilder(4, 0.33, 1.0, 0, "hami-core");
        assertThat(builder.registration(List.of(new DeviceState(A, true))).orElseThrow().devices().getFirst().devmem()).isEqualTo(5068);
    }

    @Test
    void nothingToRegisterWithoutDevices() {
        assertThat(new RegistrationBuilder(1, 1, 1, 0, "hami-core").registration(List.of())).isEmpty();
        assertThatThrownBy(() -> new RegistrationBuilder(0, 1, 1, 0, "hami-core")).hasMessageContaining("splitCount");
    }

    @Test
    void numaScoresPairDevicesOnOneNodeHigher() {
        var scores = TopologyScores.of(List.of(new DeviceState(A, true), new DeviceState(B, true),
                new DeviceState(new PhysicalDevice(3, "GPU-d", "t", OptionalLong.empty(), OptionalInt.of(0), true), true),
                new DeviceState(C, true)));
        assertThat(NodeScoreCodec.INSTANCE.encode(scores)).isEqualTo(
                "[{\"uuid\":\"GPU-a\",\"score\":{\"GPU-b\":10,\"GPU-c\":10,\"GPU-d\":20}},"
                + "{\"uuid\":\"GPU-b\",\"score\":{\"GPU-a\":10,\"GPU-c\":10,\"GPU-d\":10}},"
                + "{\"uuid\":\"GPU-d\",\"score\":{\"GPU-a\":20,\"GPU-b\":10,\"GPU-c\":10}},"
                + "{\"uuid\":\"GPU-c\",\"score\":{\"GPU-a\":10,\"GPU-b\":10,\"GPU-d\":10}}]");
    }
}
