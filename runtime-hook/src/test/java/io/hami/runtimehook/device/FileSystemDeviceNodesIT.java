package io.hami.runtimehook.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.runtimehook.TestNode;
import io.hami.testfixtures.oci.OciBundles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real lookup on device nodes made with {@code mknod}, under a device root as the hook configures it. The one test
 * of the runtime hook that needs root: every other one reads {@link FakeDeviceNodes}.
 */
class FileSystemDeviceNodesIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void root() {
        assumeTrue(OciBundles.isRoot(), "mknod needs root");
    }

    @Test
    void readsTheNumbersModeAndOwnerOfNodesUnderTheDeviceRoot() throws Exception {
        var node = TestNode.withoutDevices(dir);
        OciBundles.mknod(dir.resolve("dev/nvidia2"), 195, 2);
        OciBundles.mknod(dir.resolve("dev/nvidia-uvm"), 237, 0);
        OciBundles.mknod(dir.resolve("dev/wide"), 0x234, 0xabcde); // a minor over 255 is split around the major
        var devices = new HostDevices(node.config(), DeviceNodeLookup.fileSystem());
        assertThat(devices.find("/dev/nvidia2")).contains(new DeviceNode("/dev/nvidia2", 195, 2, 0666, 0, 0));
        assertThat(devices.find("/dev/nvidia-uvm")).contains(new DeviceNode("/dev/nvidia-uvm", 237, 0, 0666, 0, 0));
        assertThat(devices.find("/dev/wide")).contains(new DeviceNode("/dev/wide", 0x234, 0xabcde, 0666, 0, 0));
        assertThat(devices.find("/dev/nvidia9")).isEmpty();
    }
}
