package io.hami.deviceplugin.nvidia;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.bindings.nvml.Nvml;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.PluginParts;
import io.hami.deviceplugin.devices.XidPolicy;
import io.hami.deviceplugin.host.HostSetup;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.store.AllocationStore;
import io.hami.model.vendor.VendorDescriptor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The NVIDIA device plugin: HAMi-core set up on the host, GPUs from NVML, containers given HAMi-core's
 * environment, topology scores under {@code hami.io/node-nvidia-score}.
 */
public final class NvidiaPlugin {

    private NvidiaPlugin() {
    }

    /**
     * The NVIDIA-specific settings.
     *
     * @param hamiCore  where HAMi-core lives and the variables it gets
     * @param libSource the image directory HAMi-core is installed from; empty to install nothing
     * @param lockDir   the host's {@code /tmp/vgpulock}
     * @param xids      which XIDs make a GPU unhealthy
     * @param listing   how {@code Allocate} names a container's GPUs (device-list strategies, passDeviceSpecs)
     * @param lockless  binds without the node lock: the plugin keeps the allocation store, the runtime shim attaches
     *                  each container's limits (docs/protocol.md, "Binds without the node lock")
     */
    public record Settings(HamiCoreSettings hamiCore, Optional<Path> libSource, Path lockDir, XidPolicy xids,
                           DeviceListing listing, boolean lockless) {
        public Settings {
            Objects.requireNonNull(hamiCore, "hamiCore");
            Objects.requireNonNull(libSource, "libSource");
            Objects.requireNonNull(lockDir, "lockDir");
            Objects.requireNonNull(xids, "xids");
            Objects.requireNonNull(listing, "listing");
        }

        /** Settings on HAMi's lock protocol. */
        public Settings(HamiCoreSettings hamiCore, Optional<Path> libSource, Path lockDir, XidPolicy xids,
                        DeviceListing listing) {
            this(hamiCore, libSource, lockDir, xids, listing, false);
        }

        /** These settings in lockless mode or not. */
        public Settings withLockless(boolean on) {
            return new Settings(hamiCore, libSource, lockDir, xids, listing, on);
        }

        /** The settings with the default listing, {@code NVIDIA_VISIBLE_DEVICES}. */
        public Settings(HamiCoreSettings hamiCore, Optional<Path> libSource, Path lockDir, XidPolicy xids) {
            this(hamiCore, libSource, lockDir, xids, DeviceListing.envvar());
        }
    }

    /** Sets up the host, opens NVML's devices and starts the plugin. */
    public static DevicePlugin start(DevicePluginConfig config, Settings settings, VendorDescriptor vendor, Nvml nvml,
                                     KubernetesClient client, Clock clock) throws Exception {
        new HostSetup(Path.of(settings.hamiCore().vgpuDir()), settings.libSource(), settings.lockDir()).run();
        var source = new NvmlDeviceSource(nvml, vendor, settings.xids(), config.timings().healthWait());
        var vgpuDir = Path.of(settings.hamiCore().vgpuDir());
        var parts = PluginParts.of(source, new HamiCoreEnvironment(settings.hamiCore(), settings.listing()),
                Optional.of(HamiAnnotations.NVIDIA_SCORE))
                .withNodeAnnotations(Map.of(HamiAnnotations.locklessBinds(vendor.commonWord()), Boolean.toString(settings.lockless())));
        return DevicePlugin.start(config, settings.lockless() ? parts.withAllocationStore(AllocationStore.under(vgpuDir)) : parts,
                client, clock);
    }
}
