package io.hami.deviceplugin.nvidia;

import io.hami.bindings.nvml.DeviceSummary;
import io.hami.bindings.nvml.GpuPairLinks;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlException;
import io.hami.deviceplugin.devices.DeviceSource;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.deviceplugin.devices.XidPolicy;
import io.hami.model.vendor.VendorDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NVIDIA GPUs through NVML: discovery from {@link Nvml#survey()} and health from NVML's XID events. Holds
 * one NVML session from construction to {@link #close()}.
 */
public final class NvmlDeviceSource implements DeviceSource {
    private static final Logger LOG = LoggerFactory.getLogger(NvmlDeviceSource.class);

    private final Nvml nvml;
    private final Nvml.Session session;
    private final VendorDescriptor vendor;
    private final XidPolicy xids;
    private volatile List<MigUnit> offeredMig = List.of();
    private final Duration waitSlice;
    private final boolean dynamicMig;

    /**
     * Opens an NVML session for HAMi-core sharing: GPUs in MIG mode are left out.
     *
     * @param waitSlice how long one event wait blocks in the driver: the longest a closing watch waits
     * @throws io.hami.bindings.nvml.NvmlException when NVML does not initialise
     */
    public NvmlDeviceSource(Nvml nvml, VendorDescriptor vendor, XidPolicy xids, Duration waitSlice) {
        this(nvml, vendor, xids, waitSlice, false);
    }

    /**
     * Opens an NVML session.
     *
     * @param dynamicMig the node is in dynamic MIG mode: only GPUs in MIG mode are found, for their MIG profiles
     */
    public NvmlDeviceSource(Nvml nvml, VendorDescriptor vendor, XidPolicy xids, Duration waitSlice, boolean dynamicMig) {
        this.dynamicMig = dynamicMig;
        this.nvml = Objects.requireNonNull(nvml, "nvml");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.xids = Objects.requireNonNull(xids, "xids");
        this.waitSlice = Objects.requireNonNull(waitSlice, "waitSlice");
        this.session = nvml.start();
    }

    @Override
    public VendorDescriptor vendor() {
        return vendor;
    }

    @Override
    public List<PhysicalDevice> discover() {
        var out = new ArrayList<PhysicalDevice>();
        for (var summary : nvml.survey()) {
            summary.problems().forEach(p -> LOG.warn("NVML: {}", p));
            if (summary.uuid().isEmpty()) {
                LOG.error("NVML device {} has no readable UUID; it is left out", summary.index());
                continue;
            }
            boolean migOn = summary.migEnabled().orElse(false);
            if (dynamicMig) {
                if (migOn) {
                    out.add(device(summary));
                } else {
                    LOG.warn("GPU {} ({}) has MIG mode off: the node is in dynamic MIG mode, so it is not registered",
                            summary.index(), summary.uuid().get());
                }
                continue;
            }
            if (migOn) {
                LOG.warn("GPU {} ({}) is in MIG mode: it is not shared through HAMi-core; its MIG devices are offered "
                        + "under --mig-strategy single or mixed", summary.index(), summary.uuid().get());
                continue;
            }
            out.add(device(summary));
        }
        return out;
    }

    private static PhysicalDevice device(DeviceSummary s) {
        var memory = s.memoryTotalMiB().isPresent() ? OptionalLong.of(s.memoryTotalMiB().getAsLong()) : OptionalLong.empty();
        var numa = s.numa().isPresent() ? OptionalInt.of(s.numa().getAsInt()) : OptionalInt.empty();
        // The minor names the GPU's node /dev/nvidia<minor>, which passDeviceSpecs hands out.
        return new PhysicalDevice(s.index(), s.uuid().get(), registeredType(s.name().orElse("unknown")), memory, numa,
                s.healthy(), s.pciBusId(), s.minor(), List.of());
    }

    /** HAMi registers the NVML name prefixed with {@code NVIDIA-} unless it already starts with {@code NVIDIA}. */
    public static String registeredType(String nvmlName) {
        return nvmlName.startsWith("NVIDIA") ? nvmlName : "NVIDIA-" + nvmlName;
    }

    /**
     * Every GPU with its MIG mode and MIG devices, for the static MIG strategies. A MIG device whose device nodes
     * cannot be found is logged and left out.
     */
    public List<MigResources.Gpu> migGpus(MigDeviceNodes nodes) {
        var mig = nvml.mig();
        var out = new ArrayList<MigResources.Gpu>();
        for (int i = 0, n = nvml.deviceCount(); i < n; i++) {
            var gpu = nvml.device(i);
            var units = new ArrayList<MigUnit>();
            boolean enabled = mig.enabled(gpu);
            if (enabled) {
                int minor = nvml.minor(gpu);
                for (var device : mig.devices(gpu)) {
                    try {
                        units.add(new MigUnit(device, nodes.of(device, minor)));
                    } catch (IllegalStateException e) {
                        LOG.error("MIG device {} of GPU {} is left out: {}", device.uuid(), i, e.getMessage());
                    }
                }
            }
            out.add(new MigResources.Gpu(i, enabled, units));
        }
        return out;
    }

    /**
     * The MIG devices the plugin offers whole (a static MIG strategy): the health watch started after this also
     * watches their GPUs, marking each MIG device on its own (docs/vendors.md, "NVIDIA — MIG strategies").
     */
    public void watchMigDevices(List<MigUnit> units) {
        offeredMig = List.copyOf(units);
    }

    @Override
    public Optional<List<GpuPairLinks>> links() {
        try {
            return Optional.of(nvml.links());
        } catch (NvmlException e) {
            LOG.warn("NVML cannot tell how the GPUs are linked, so the topology score knows NUMA nodes only: {}",
                    e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public HealthWatch watchHealth(List<PhysicalDevice> devices, HealthListener listener) {
        if (!xids.enabled()) {
            LOG.info("XID health checks are disabled");
            return () -> { };
        }
        return XidWatch.start(nvml, devices, offeredMig, xids, waitSlice, listener);
    }

    @Override
    public void close() {
        session.close();
    }
}
