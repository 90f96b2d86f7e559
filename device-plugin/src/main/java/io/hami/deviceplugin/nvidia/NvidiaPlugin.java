package io.hami.deviceplugin.nvidia;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.bindings.nvml.Nvml;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.PluginParts;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.register.VendorFields;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.protocol.HamiCoreView;
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
     * @param migApplyLock the file that exists while dynamic MIG changes instances (the monitor pauses meanwhile)
     * @param migAllowlist  the MIG profiles dynamic MIG registers per GPU model ({@code migProfileAllowlist}); empty
     *                      for every profile the GPU offers
     */
    public record Settings(HamiCoreSettings hamiCore, Optional<Path> libSource, Path lockDir, XidPolicy xids,
                           DeviceListing listing, boolean lockless, MigStrategy migStrategy, Path procRoot,
                           Path migApplyLock, List<NvidiaConfig.MigAllowlistEntry> migAllowlist) {
        public Settings {
            Objects.requireNonNull(hamiCore, "hamiCore");
            Objects.requireNonNull(libSource, "libSource");
            Objects.requireNonNull(lockDir, "lockDir");
            Objects.requireNonNull(xids, "xids");
            Objects.requireNonNull(listing, "listing");
            Objects.requireNonNull(migStrategy, "migStrategy");
            Objects.requireNonNull(procRoot, "procRoot");
            Objects.requireNonNull(migApplyLock, "migApplyLock");
            migAllowlist = List.copyOf(migAllowlist);
        }

        /** Settings with the default MIG apply lock. */
        public Settings(HamiCoreSettings hamiCore, Optional<Path> libSource, Path lockDir, XidPolicy xids,
                        DeviceListing listing, boolean lockless, MigStrategy migStrategy, Path procRoot) {
            this(hamiCore, libSource, lockDir, xids, listing, lockless, migStrategy, procRoot,
                    Path.of(HamiCoreView.MIG_APPLY_LOCK), List.of());
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
            return new Settings(hamiCore, libSource, lockDir, xids, listing, on, migStrategy, procRoot, migApplyLock,
                    migAllowlist);
        }

        /** These settings with a static MIG strategy, reading the driver's MIG files under {@code procRoot}. */
        public Settings withMig(MigStrategy strategy, Path procRoot) {
            return new Settings(hamiCore, libSource, lockDir, xids, listing, lockless, strategy, procRoot, migApplyLock,
                    migAllowlist);
        }

        /** These settings with dynamic MIG's apply lock at {@code lock} and its profile allowlist. */
        public Settings withDynamicMig(Path lock, List<NvidiaConfig.MigAllowlistEntry> allowlist) {
            return new Settings(hamiCore, libSource, lockDir, xids, listing, lockless, migStrategy, procRoot, lock,
                    allowlist);
        }

        /** The settings with the default listing, {@code NVIDIA_VISIBLE_DEVICES}. */
        public Settings(HamiCoreSettings hamiCore, Optional<Path> libSource, Path lockDir, XidPolicy xids) {
            this(hamiCore, libSource, lockDir, xids, DeviceListing.envvar());
        }
    }

    /** Sets up the host, opens NVML's devices and starts the plugin. */
    public static DevicePlugin start(DevicePluginConfig config, Settings settings, VendorDescriptor vendor, Nvml nvml,
                                     KubernetesClient client, Clock clock) throws Exception {
        if (Sharing.MIG.equals(config.sharing().mode())) {
            return startDynamicMig(config, settings, vendor, nvml, client, clock);
        }
        new HostSetup(Path.of(settings.hamiCore().vgpuDir()), settings.libSource(), settings.lockDir()).run();
        var source = new NvmlDeviceSource(nvml, vendor, settings.xids(), config.timings().healthWait());
        List<WholeDeviceResource> mig;
        try {
            var count = vendor.resources().count();
            var plan = MigResources.plan(settings.migStrategy(), count,
                    settings.migStrategy() == MigStrategy.NONE ? List.of() : source.migGpus(new MigDeviceNodes(settings.procRoot())));
            mig = MigResources.resources(plan, count);
            source.watchMigDevices(plan.values().stream().flatMap(List::stream).toList());
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

    /**
     * Refuses settings that cannot go with dynamic MIG (mode {@code mig}).
     *
     * @throws IllegalArgumentException for a static MIG strategy (both would claim the GPUs in MIG mode) or lockless
     *                                  binds (the instances are made on HAMi's node-lock protocol)
     */
    public static void requireDynamicMigFits(Settings settings) {
        if (settings.migStrategy() != MigStrategy.NONE) {
            throw new IllegalArgumentException("mode mig (dynamic MIG) and mig-strategy " + settings.migStrategy().flag()
                    + " both claim the GPUs in MIG mode; use one of them");
        }
        if (settings.lockless()) {
            throw new IllegalArgumentException("mode mig (dynamic MIG) binds on HAMi's node lock; turn lockless binds off");
        }
    }

    /**
     * A node in dynamic MIG mode (docs/vendors.md, "NVIDIA — dynamic MIG"): its GPUs in MIG mode registered with
     * {@code mode: mig} and their profiles, each container given the MIG instances the scheduler reserved, made when it
     * is allocated, and the instances no pod owns destroyed. No HAMi-core is set up, and no static strategy applies.
     */
    private static DevicePlugin startDynamicMig(DevicePluginConfig config, Settings settings, VendorDescriptor vendor,
                                                Nvml nvml, KubernetesClient client, Clock clock) throws Exception {
        requireDynamicMigFits(settings);
        var source = new NvmlDeviceSource(nvml, vendor, settings.xids(), config.timings().healthWait(), true);
        PluginParts parts;
        try {
            var mig = new DynamicMig(nvml, settings.migApplyLock(), new MigDeviceNodes(settings.procRoot()),
                    settings.migAllowlist());
            parts = PluginParts.of(source, new DynamicMigEnvironment(mig), Optional.of(HamiAnnotations.NVIDIA_SCORE))
                    .withMig(VendorFields.NONE.withMig(mig.capacities()), DynamicMigEnvironment::runtimeAnnotation,
                            c -> new MigReconciler(c, mig))
                    .withNodeAnnotations(Map.of(HamiAnnotations.locklessBinds(vendor.commonWord()), "false"));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return DevicePlugin.start(config, parts, client, clock); // the source is the plugin's from here
    }
}
