package io.hami.deviceplugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.model.config.NvidiaConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevicePluginConfigTest {
    static final Sharing SHARING = Sharing.of(NvidiaConfig.defaults(), "hami-core");

    private static DevicePluginConfig config(String node, Path dir, String endpoint) {
        return new DevicePluginConfig(node, dir, endpoint, SHARING, DeviceFilter.NONE, false, false, Optional.empty(), Timings.defaults());
    }

    @Test
    void hamisDefaultsMakeAValidConfiguration() {
        var config = config("gpu-node-1", DevicePluginConfig.KUBELET_PLUGIN_DIR, "hami-nvidia.sock");
        assertThat(config.sharing().splitCount()).isEqualTo(10);
        assertThat(config.timings().registerInterval()).hasSeconds(30);
    }

    @Test
    void rejectsWhatWouldFailLater() {
        assertThatThrownBy(() -> config("", Path.of("/d"), "x.sock")).hasMessageContaining("set --node-name or NODE_NAME");
        assertThatThrownBy(() -> config("n", Path.of("/d"), "kubelet.sock")).hasMessageContaining("not kubelet.sock");
        assertThatThrownBy(() -> config("n", Path.of("/d"), "../x.sock")).hasMessageContaining("socket file name");
        assertThatThrownBy(() -> config("n", Path.of("/" + "d".repeat(100)), "x.sock")).hasMessageContaining("107 bytes");
        assertThatThrownBy(() -> new Sharing(0, 1, 1, 0, "hami-core", false)).hasMessageContaining("deviceSplitCount");
        assertThatThrownBy(() -> new Sharing(1, Double.NaN, 1, 0, "hami-core", false)).hasMessageContaining("deviceMemoryScaling");
        assertThatThrownBy(() -> new Sharing(1, 1, 1, 0, "time-slicing", false))
                .hasMessage("mode must be one of hami-core, mps, mig: time-slicing");
    }
}
