package io.hami.runtimehook.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.runtimehook.TestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDevicesTest {
    @TempDir
    Path dir;

    @Test
    void looksUpAContainerPathUnderTheDeviceRootAndNamesTheHostPathOfAMissingNode() throws Exception {
        var node = TestNode.create(dir);
        var devices = new HostDevices(node.config(), node.nodes());
        assertThat(devices.find("/dev/nvidia2")).contains(new DeviceNode("/dev/nvidia2", 195, 2, 0666, 0, 0));
        assertThat(devices.find("/dev/nvidia-uvm").orElseThrow().major()).isEqualTo(237);
        assertThat(devices.find("/dev/nvidia9")).isEmpty();
        assertThatThrownBy(() -> devices.require("/dev/nvidia9", "GPU x"))
                .hasMessage("GPU x: device node " + dir.resolve("dev/nvidia9") + " does not exist");
    }
}
