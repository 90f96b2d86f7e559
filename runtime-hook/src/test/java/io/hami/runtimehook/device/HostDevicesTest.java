package io.hami.runtimehook.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.vendor.DeviceNodes;
import io.hami.runtimehook.TestNode;
import io.hami.runtimehook.config.RuntimeHookConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

    @Test
    void aDevicesNodeMustHaveItsMinorAndTheVendorsFixedMajor() throws Exception {
        var node = TestNode.create(dir);
        var devices = new HostDevices(node.config(), node.nodes());
        assertThat(devices.requireDevice(1, "GPU x")).isEqualTo(new DeviceNode("/dev/nvidia1", 195, 1, 0666, 0, 0));
        node.nodes().add(dir.resolve("dev/nvidia1"), 195, 2);
        assertThatThrownBy(() -> devices.requireDevice(1, "GPU x"))
                .hasMessage("GPU x: device node " + dir.resolve("dev/nvidia1") + " is c 195:2 on the host, but the driver reports 195:1");
        node.nodes().add(dir.resolve("dev/nvidia1"), 196, 1);
        assertThatThrownBy(() -> devices.requireDevice(1, "GPU x")).hasMessageEndingWith("is c 196:1 on the host, but the driver reports 195:1");
    }

    @Test
    void whereTheDriverTakesADynamicMajorOnlyTheMinorIsChecked() throws Exception {
        var node = TestNode.create(dir);
        var c = node.config();
        var dynamic = new RuntimeHookConfig(c.runtime(), c.settings(), c.vgpuLockDir(), c.devRoot(),
                new DeviceNodes(List.of(), "/dev/accel{n}", Optional.empty()), c.nvmlLibrary(), c.driverInfoDir(), c.hookCommand(), c.startHook(), c.hookTimeout(), c.stateDir(),
                c.configFile(), c.allocationWait());
        node.nodes().add(dir.resolve("dev/accel0"), 511, 0).add(dir.resolve("dev/accel1"), 511, 7);
        var devices = new HostDevices(dynamic, node.nodes());
        assertThat(devices.requireDevice(0, "accelerator 0").major()).isEqualTo(511);
        assertThatThrownBy(() -> devices.requireDevice(1, "accelerator 1"))
                .hasMessage("accelerator 1: device node " + dir.resolve("dev/accel1") + " is c 511:7 on the host, but the driver reports minor 1");
    }
}
