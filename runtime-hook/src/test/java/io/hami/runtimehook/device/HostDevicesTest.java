package io.hami.runtimehook.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.hami.runtimehook.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDevicesTest {
    @TempDir
    Path dir;

    @Test
    void readsNumbersModeAndOwnerOfAHostNode() throws Exception {
        var node = TestNode.create(dir);
        var devices = new HostDevices(node.config());
        assertThat(devices.find("/dev/nvidia2")).contains(new DeviceNode("/dev/nvidia2", 195, 2, 0666, 0, 0));
        assertThat(devices.find("/dev/nvidia-uvm").orElseThrow().major()).isEqualTo(237);
        assertThat(devices.find("/dev/nvidia9")).isEmpty();
        assertThatThrownBy(() -> devices.require("/dev/nvidia9", "GPU x"))
                .hasMessage("GPU x: device node " + dir.resolve("dev/nvidia9") + " does not exist");
    }

    @Test
    void aLinkOrARegularFileIsNotADeviceNode() throws Exception {
        var node = TestNode.create(dir);
        Files.createSymbolicLink(dir.resolve("dev/nvidia7"), dir.resolve("dev/nvidia0"));
        Files.writeString(dir.resolve("dev/nvidia8"), "");
        var devices = new HostDevices(node.config());
        assertThatThrownBy(() -> devices.find("/dev/nvidia7")).hasMessageEndingWith("nvidia7: not a character device");
        assertThatThrownBy(() -> devices.find("/dev/nvidia8")).hasMessageEndingWith("nvidia8: not a character device");
    }

    @Test
    void decodesLinuxDeviceNumbersBothWays() {
        // glibc's makedev: the low 8 bits of the minor, then 12 bits of major, then the rest of the minor, then the rest of the major.
        qt().forAll(integers().between(0, 0xfff), integers().between(0, 0xfffff)).checkAssert((major, minor) -> {
            long dev = (minor & 0xffL) | ((major & 0xfffL) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
            assertThat(HostDevices.major(dev)).isEqualTo((long) major);
            assertThat(HostDevices.minor(dev)).isEqualTo((long) minor);
        });
    }
}
