package io.hami.runtimehook;

import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.vendor.Vendors;
import io.hami.runtimehook.config.RuntimeHookConfig;
import io.hami.runtimehook.device.DeviceResolver;
import io.hami.runtimehook.device.FakeDeviceNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node in a temporary directory: HAMi-core installed under {@code hook/vgpu}, a device root with four GPUs
 * ({@code nvidia0..3}, major 195) and the control nodes, a lock and a state directory, and the configuration naming
 * them. The device nodes are {@linkplain FakeDeviceNodes fakes} under the device root's paths, so no test needs root
 * to make them; tests change them through {@link #nodes()}.
 */
public record TestNode(Path dir, RuntimeHookConfig config, FakeDeviceNodes nodes) {
    public static final String POD_UID = "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0";
    /** GPU UUIDs of the fake resolver, minor = index. */
    public static final List<String> GPUS = List.of("GPU-a1000000-5e1d-4c2b-9f3a-7d6e5c4b3a20", "GPU-a1000001-5e1d-4c2b-9f3a-7d6e5c4b3a21",
            "GPU-a1000002-5e1d-4c2b-9f3a-7d6e5c4b3a22", "GPU-a1000003-5e1d-4c2b-9f3a-7d6e5c4b3a23");
    /** containerd's identity annotations of pod {@code default/trainer-0}, container {@code cuda}. */
    public static final Map<String, String> CONTAINERD = Map.of(
            "io.kubernetes.cri.container-type", "container",
            "io.kubernetes.cri.container-name", "cuda",
            "io.kubernetes.cri.sandbox-name", "trainer-0",
            "io.kubernetes.cri.sandbox-namespace", "default",
            "io.kubernetes.cri.sandbox-uid", POD_UID);

    /** A node with the device nodes of four GPUs and the control nodes. */
    public static TestNode create(Path dir) throws IOException {
        var node = withoutDevices(dir);
        var dev = dir.resolve("dev");
        for (int i = 0; i < GPUS.size(); i++) {
            node.nodes.add(dev.resolve("nvidia" + i), 195, i);
        }
        node.nodes.add(dev.resolve("nvidiactl"), 195, 255);
        node.nodes.add(dev.resolve("nvidia-uvm"), 237, 0);
        return node;
    }

    /** A node whose device root is empty. */
    public static TestNode withoutDevices(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("hook/vgpu"));
        Files.writeString(dir.resolve("hook/vgpu/libvgpu.so"), "");
        Files.writeString(dir.resolve("hook/vgpu/ld.so.preload"), "/usr/local/vgpu/libvgpu.so\n");
        Files.createDirectories(dir.resolve("dev"));
        var hook = dir.resolve("hook").toString();
        var settings = new HamiCoreSettings(hook, hook + "/vgpu/libvgpu.so", false, Optional.empty(), false);
        var config = new RuntimeHookConfig("runc", settings, dir.resolve("lock"), dir.resolve("dev"),
                Vendors.defaults().byId("nvidia").orElseThrow().deviceNodes(), "libnvidia-ml.so.1",
                dir.resolve("driver-gpus"), Optional.of(dir.resolve("bin/hami")), false, 10, dir.resolve("state"), Optional.empty(),
                RuntimeHookConfig.DEFAULT_ALLOCATION_WAIT);
        return new TestNode(dir, config, new FakeDeviceNodes());
    }

    /** The configuration with the {@code createRuntime} hook added by the shim ({@code startHook = true}). */
    public RuntimeHookConfig withStartHook() {
        var c = config;
        return new RuntimeHookConfig(c.runtime(), c.settings(), c.vgpuLockDir(), c.devRoot(), c.deviceNodes(), c.nvmlLibrary(),
                c.driverInfoDir(), c.hookCommand(), true, c.hookTimeout(), c.stateDir(), c.configFile(), c.allocationWait());
    }

    /** The container path of HAMi-core's directory: {@code <hookPath>/vgpu}. */
    public String vgpu() {
        return config.settings().vgpuDir();
    }

    /** The per-container directory of the test pod's {@code cuda} container on the host. */
    public Path containerDir() {
        return dir.resolve("hook/vgpu/containers/" + POD_UID + "_cuda");
    }

    /** A resolver that knows {@link #GPUS} (minor = index) and nothing else. */
    public static DeviceResolver resolver() {
        return new DeviceResolver() {
            @Override
            public int minor(String uuid) throws HookException {
                int i = GPUS.indexOf(uuid);
                if (i < 0) {
                    throw new HookException("NVIDIA_VISIBLE_DEVICES: GPU \"" + uuid + "\" is not on this node");
                }
                return i;
            }

            @Override
            public void close() {
            }
        };
    }

    /** The allocation variables of one GPU, as HAMi's {@code Allocate} writes them. */
    public static List<String> allocation(String uuid, int memMiB, int cores) {
        return List.of("NVIDIA_VISIBLE_DEVICES=" + uuid, "CUDA_DEVICE_MEMORY_LIMIT_0=" + memMiB + "m", "CUDA_DEVICE_SM_LIMIT=" + cores);
    }
}
