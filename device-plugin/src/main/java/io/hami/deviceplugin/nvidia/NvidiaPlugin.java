package io.hami.deviceplugin.nvidia;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.bindings.nvml.Nvml;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.PluginParts;
import io.hami.deviceplugin.kubelet.WholeDeviceResource;
import io.hami.deviceplugin.devices.XidPolicy;
import io.hami.deviceplugin.host.HostSetup;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.deviceplugin.allocate.LocklessStore;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.store.AllocationStore;
import io.hami.model.vendor.VendorDescriptor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
     * @param migStrategy the static MIG strategy
     * @param procRoot  where the driver's MIG capability files are read ({@code /proc})
     */
    public record Settings(HamiCoreSettings hamiCore, Optional<Path> libSource, Path lockDir, XidPolicy xids,
                           DeviceListing listing, boolean lockless, MigStrategy migStrategy, Path procRoot) {
        public Settings {
            Objects.requireNonNull(hamiCore, "hamiCore");
            Objects.requireNonNull(libSource, "libSource");
            Objects.requireNonNull(lockDir, "lockDir");
            Objects.requireNonNull(xids, "xids");
            Objects.requireNonNull(listing, "listing");
            Objects.requireNonNull(migStrategy, "migStrategy");
            Objects.requireNonNull(procRoot, "procRoot");
        }

        /** Settings on HAMi's lock protocol. */
        public Settings(HamiCoreSettings hamiCore, Optional<Path> libSource, Path lockDir, XidPolicy xids,
                        DeviceListing listing) {
            this(hamiCore, libSource, lockDir, xids, listing, false, MigStrategy.NONE, Path.of("/proc"));
        }

        /** Settings without MIG devices ({@code none}), on HAMi's lock protocol or lockless. */
        public Settings(HamiCoreSettings hamiCore, Optional<Path> libSource, Path lockDir, XidPolicy xids,
                        DeviceListing listing, boolean lockless) {
            this(hamiCore, libSource, lockDir, xids, listing, lockless, MigStrategy.NONE, Path.of("/proc"));
        }

        /** These settings in lockless mode or not. */
        public Settings withLockless(boolean on) {
            return new Settings(hamiCore, libSource, lockDir, xids, listing, on, migStrategy, procRoot);
        }

        /** These settings with a static MIG strategy, reading the driver's MIG files under {@code procRoot}. */
        public Settings withMig(MigStrategy strategy, Path procRoot) {
            return new Settings(hamiCore, libSource, lockDir, xids, listing, lockless, strategy, procRoot);
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
        List<WholeDeviceResource> mig;
        try {
            var count = vendor.resources().count();
            var plan = MigResources.plan(settings.migStrategy(), count,
                    settings.migStrategy() == MigStrategy.NONE ? List.of() : source.migGpus(new MigDeviceNodes(settings.procRoot())));
            mig = MigResources.resources(plan, count);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        var vgpuDir = Path.of(settings.hamiCore().vgpuDir());
        var parts = PluginParts.of(source, new HamiCoreEnvironment(settings.hamiCore(), settings.listing()),
                Optional.of(HamiAnnotations.NVIDIA_SCORE)).withWholeResources(mig)
                .withNodeAnnotations(Map.of(HamiAnnotations.locklessBinds(vendor.commonWord()), Boolean.toString(settings.lockless())));
        return DevicePlugin.start(config, settings.lockless() ? parts.withAllocationStore(
                new LocklessStore(AllocationStore.under(vgpuDir), settings.hamiCore().options())) : parts,
                client, clock);
    }
}
