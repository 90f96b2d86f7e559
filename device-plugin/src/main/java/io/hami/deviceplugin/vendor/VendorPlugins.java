package io.hami.deviceplugin.vendor;

import io.hami.bindings.cndev.Cndev;
import io.hami.bindings.dcmi.Dcmi;
import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.hygon.HygonSmi;
import io.hami.deviceplugin.PluginParts;
import io.hami.deviceplugin.allocate.AllocationPlan;
import io.hami.deviceplugin.allocate.PodHostState;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.deviceplugin.kubelet.SlotResource;
import io.hami.model.annotation.CambriconProfileInstanceCodec;
import io.hami.model.config.VnpuConfig;
import io.hami.model.protocol.AscendAnnotations;
import io.hami.model.protocol.CambriconAnnotations;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.HostDevice;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.model.vendor.RegisterFormat;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.VendorDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The device plugin of every vendor but NVIDIA, as data over the shared plugin (docs/vendors.md, "Device plugins"):
 * the {@link VendorProfile} (registered type and fixed register fields), the {@link DeviceNodeEnvironment} with the
 * vendor's visible-devices naming, node permissions and extras, and the slot resources of the vendors whose scheduler
 * counts capacity.
 */
public final class VendorPlugins {

    private VendorPlugins() {
    }

    /**
     * The node-side settings a vendor may need.
     *
     * @param hookPath   where Ascend's soft-split library and per-container directories live on the host
     *                   ({@code HOOK_PATH}, HAMi's {@code /usr/local/hami-vnpu-core})
     * @param healthPoll how often the devices' health is surveyed
     * @param ascendSoftSplit whether this node's Ascend chips may be split softly through HAMi-core
     *                   ({@code vnpus.hamiVnpuCore}), published as the node's {@code hami-vnpu-core}
     * @param hygon      where Hygon's vDCUs and DTK live on the host
     */
    public record Settings(Path hookPath, Duration healthPoll, boolean ascendSoftSplit, HygonSettings hygon) {
        public Settings {
            Objects.requireNonNull(hookPath, "hookPath");
            Objects.requireNonNull(healthPoll, "healthPoll");
            Objects.requireNonNull(hygon, "hygon");
        }
    }

    /**
     * Where a Hygon node keeps what its partial-card containers get (docs/vendors.md, "Device plugins").
     *
     * @param dtk           the DTK, mounted at {@code /opt/hygondriver} (HAMi: {@code HYGONPATH}, {@code /opt/dtk})
     * @param vdcuDirectory one directory per vDCU, mounted at {@code /etc/vdev/docker/} (HAMi: {@code /usr/local/vgpu/dcu})
     * @param vdevDirectory the copies of the vDCUs' configurations for Hygon's exporter (HAMi: {@code /etc/vdev})
     */
    public record HygonSettings(Path dtk, Path vdcuDirectory, Path vdevDirectory) {
        /** HAMi's DTK directory. */
        public static final Path DEFAULT_DTK = Path.of("/opt/dtk");

        public HygonSettings {
            Objects.requireNonNull(dtk, "dtk");
            Objects.requireNonNull(vdcuDirectory, "vdcuDirectory");
            Objects.requireNonNull(vdevDirectory, "vdevDirectory");
            for (var p : List.of(dtk, vdcuDirectory, vdevDirectory)) {
                if (!p.isAbsolute()) {
                    throw new IllegalArgumentException("Hygon's DTK and vDCU directories must be absolute paths: " + p);
                }
            }
        }

        /** HAMi's directories, with the DTK at {@code dtk}. */
        public static HygonSettings at(Path dtk) {
            return new HygonSettings(dtk, Path.of("/usr/local/vgpu/dcu"), Path.of("/etc/vdev"));
        }
    }

    /**
     * The parts of the plugin for {@code profile}'s device type over its library's discovery. An Ascend node's hook path
     * is made here if missing (HAMi's Ascend plugin makes it at start), for the soft-split containers' directories; a
     * Hygon node's vDCUs in use are read from their directories; a Cambricon node's sMLU instances are CNDEV's.
     *
     * @throws IllegalArgumentException when the hook path cannot be made, or the vDCU directory cannot be read
     */
    public static PluginParts parts(VendorProfile profile, DeviceDiscovery discovery, Settings settings) {
        if (profile.descriptor().vendor() == Vendor.CAMBRICON && !DeviceVendor.CAMBRICON.api().equals(discovery.apiName())) {
            throw new IllegalArgumentException("Cambricon's device plugin needs CNDEV (libcndev.so): " + discovery.apiName()
                    + " does not say which /dev/cambricon_dev<n> belongs to which card, so no container could be given "
                    + "its own");
        }
        var vendor = profile.descriptor();
        if (vendor.vendor() == Vendor.ASCEND) {
            try {
                Files.createDirectories(settings.hookPath());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot make the Ascend hook path " + settings.hookPath() + ": " + e);
            }
        }
        var vdcus = vendor.vendor() == Vendor.HYGON ? Optional.of(vdcus(discovery, settings.hygon())) : Optional.<HygonVdcus>empty();
        var smlus = discovery instanceof Cndev cndev ? Optional.of(new CambriconSmlus(cndev,
                vendor.deviceNodes().visibleDevicesEnv().orElseThrow())) : Optional.<CambriconSmlus>empty();
        var polled = profile.source(discovery, settings.healthPoll());
        var source = discovery instanceof Dcmi dcmi ? new AscendFaultEvents(polled, dcmi) : polled;
        return new PluginParts(source, environment(profile, settings, vdcus, smlus), Optional.empty(), profile.fields(),
                slotResources(vendor), commitAnnotations(vendor), nodeAnnotations(profile, settings),
                vdcus.map(PodHostState.class::cast).or(() -> smlus.map(PodHostState.class::cast)), requestedLock(vendor));
    }

    /** The node's vDCUs, with the compute units hydmi reports beside the discovery's rocm_smi. */
    private static HygonVdcus vdcus(DeviceDiscovery discovery, HygonSettings settings) {
        HygonVdcus.ComputeUnits units = discovery instanceof HygonSmi smi ? new HygonComputeUnits(smi)
                : card -> {
                    throw new IllegalArgumentException("the compute units of card " + card.uuid() + " are unknown: "
                            + discovery.library() + " is not Hygon's rocm_smi");
                };
        try {
            return new HygonVdcus(settings, units);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the vDCU directory " + settings.vdcuDirectory() + ": " + e);
        }
    }

    /**
     * What the vendor's plugin writes on the pod with its allocation: Cambricon's marks the pod assigned once all its
     * devices are handed out (the scheduler wrote {@code CAMBRICON_DSMLU_ASSIGNED=false}), and names the sMLU instance
     * it made (the first container's, where several got one: the annotation holds one).
     */
    static Function<AllocationPlan, Map<String, String>> commitAnnotations(VendorDescriptor vendor) {
        if (vendor.vendor() == Vendor.CAMBRICON) {
            return plan -> {
                var out = new LinkedHashMap<String, String>();
                plan.containers().stream().flatMap(c -> c.claim().stream()).filter(SmluClaim.class::isInstance)
                        .map(SmluClaim.class::cast).findFirst().ifPresent(claim -> out.put(
                                CambriconAnnotations.PROFILE_INSTANCE,
                                CambriconProfileInstanceCodec.INSTANCE.encode(claim.record())));
                if (plan.complete()) {
                    out.put(CambriconAnnotations.ASSIGNED, CambriconAnnotations.DONE);
                }
                return out;
            };
        }
        return plan -> Map.of();
    }

    /** What the vendor's plugin publishes on its Node besides its devices: Ascend's soft-split capability. */
    static Map<String, String> nodeAnnotations(VendorProfile profile, Settings settings) {
        var vendor = profile.descriptor();
        if (vendor.vendor() == Vendor.ASCEND) {
            return Map.of(AscendAnnotations.SOFT_SPLIT_NODE, Boolean.toString(settings.ascendSoftSplit()));
        }
        return requestedLock(vendor).isPresent() ? Map.of(HamiAnnotations.lockRequested(vendor.commonWord()), "true")
                : Map.of();
    }

    /**
     * The lock our plugin asks binds to take for a type HAMi binds without one (Moore Threads, MetaX whole GPUs): HAMi's
     * node lock. Without it, two pods bound to the node in the same second can each be handed the other's devices,
     * since {@code Allocate} cannot tell which pod kubelet admits (docs/protocol.md, "Binds of the types HAMi does not
     * lock").
     */
    static Optional<String> requestedLock(VendorDescriptor vendor) {
        return vendor.annotations().nodeLock().isEmpty() ? Optional.of(AnnotationKeys.HAMI_NODE_LOCK) : Optional.empty();
    }

    /**
     * What a container of this device type gets; a Hygon node's containers get vDCUs from {@code vdcus}, a Cambricon
     * node's sMLU instances from {@code smlus} (none where its library is not CNDEV).
     */
    static DeviceNodeEnvironment environment(VendorProfile profile, Settings settings, Optional<HygonVdcus> vdcus,
                                             Optional<CambriconSmlus> smlus) {
        var vendor = profile.descriptor();
        Function<String, String> readWrite = path -> HostDevice.READ_WRITE;
        return switch (vendor.vendor()) {
            case CAMBRICON -> new DeviceNodeEnvironment(vendor, DeviceNodeEnvironment::index, readWrite,
                    smlus.<DeviceNodeEnvironment.Extras>map(CambriconExtras::new).orElse(DeviceNodeEnvironment.Extras.NONE));
            case ASCEND -> new DeviceNodeEnvironment(vendor, DeviceNodeEnvironment::minor, readWrite,
                    new AscendExtras(vendor.commonWord(), profile.ascendSku().map(sku -> sku.templates().stream()
                            .map(VnpuConfig.Template::name).collect(Collectors.toSet())).orElse(Set.of()),
                            settings.hookPath()));
            case HYGON -> new DeviceNodeEnvironment(vendor, DeviceNodeEnvironment::index,
                    path -> vendor.deviceNodes().shared().contains(path) ? "rwm" : HostDevice.READ_WRITE,
                    new HygonExtras(vdcus.orElseThrow()));
            case ILUVATAR -> new DeviceNodeEnvironment(vendor, PhysicalDevice::uuid, readWrite,
                    DeviceNodeEnvironment.Extras.NONE);
            case METAX, MTHREADS -> new DeviceNodeEnvironment(vendor, DeviceNodeEnvironment::index, readWrite,
                    DeviceNodeEnvironment.Extras.NONE);
            case NVIDIA -> throw new IllegalArgumentException("NVIDIA's plugin hands out HAMi-core, not device nodes");
            case KUNLUNXIN, ENFLAME, AWS_NEURON, AMD, VASTAI, BIREN -> throw new IllegalArgumentException(
                    vendor.id() + " is served by the scheduler only: its device plugin is the vendor's own");
        };
    }

    /**
     * The slot resources of a device type whose scheduler learns the node's devices from capacity (docs/vendors.md,
     * "Resources from node capacity"): its cores resource with {@code coresPerDevice} slots a device, its memory
     * resource with one slot per memory unit. None for the others.
     */
    static List<SlotResource> slotResources(VendorDescriptor vendor) {
        if (vendor.registerFormat() != RegisterFormat.NODE_CAPACITY) {
            return List.of();
        }
        var out = new ArrayList<SlotResource>();
        vendor.resources().cores().ifPresent(name -> out.add(new SlotResource(name, "cores",
                device -> vendor.coresPerDevice())));
        vendor.resources().memory().ifPresent(name -> out.add(new SlotResource(name, "memory",
                device -> Math.toIntExact(device.memoryMiB().orElseThrow(() -> new IllegalArgumentException(
                        "device " + device.uuid() + " reports no memory, so its " + name + " cannot be offered"))
                        / vendor.memoryUnit().mib()))));
        return out;
    }

    /** Kubelet slots a shared device offers when neither the vendor nor the operator fixes them. */
    public static final int DEFAULT_SPLIT = 10;

    /**
     * The kubelet slots each device offers: what the vendor's plugin fixes (Hygon's 4, an Ascend SKU's template count),
     * one for whole devices (MetaX GPUs, which the scheduler counts as one each), else {@code requested} or
     * {@link #DEFAULT_SPLIT}.
     */
    public static int splitCount(VendorProfile profile, Optional<Integer> requested) {
        if (profile.fields().count().isPresent()) {
            return profile.fields().count().getAsInt();
        }
        if (!profile.descriptor().sharesMemory()) {
            return 1;
        }
        return requested.orElse(DEFAULT_SPLIT);
    }
}
