package io.hami.model.vendor;

import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.MetaxAnnotations;
import io.hami.model.protocol.NodeLockKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * HAMi v2.10's default device types, and the constructors that make a descriptor from a vendor's
 * configurable parts (an Ascend SKU, an Iluvatar chip, other resource names). The facts are those of the
 * HAMi chart and the vendors' device plugins.
 */
public final class DefaultVendors {

    /** The Ascend SKUs of HAMi's default {@code vnpus} list: chip name, common word, AI cores per device. */
    public static final List<AscendSku> ASCEND_SKUS = List.of(
            new AscendSku("910A", "Ascend910A", 30),
            new AscendSku("910B2", "Ascend910B2", 24),
            new AscendSku("910B3", "Ascend910B3", 20),
            new AscendSku("910B4-1", "Ascend910B4-1", 20),
            new AscendSku("910B4", "Ascend910B4", 20),
            new AscendSku("310P3", "Ascend310P", 8),
            new AscendSku("Ascend910", "Ascend910C", 20));

    /** The Iluvatar chips HAMi knows. */
    public static final List<String> ILUVATAR_CHIPS = List.of("MR-V100", "MR-V50", "BI-V150", "BI-V100");

    /**
     * The character-device major of {@code /dev/nvidia<minor>}: the number Linux assigns to NVIDIA GPUs (its
     * devices.txt), which the driver registers as a fixed number, unlike the dynamic majors of {@code nvidia-uvm}
     * and {@code nvidia-caps}.
     */
    private static final int NVIDIA_MAJOR = 195;

    /** The catalog, built on first use: the runtime shim, which needs only {@link #nvidiaDeviceNodes()}, never builds it. */
    private static final class Catalog {
        static final Vendors INSTANCE = new Vendors(defaults());
    }

    private DefaultVendors() {
    }

    /** One Ascend SKU: {@code chipName} as the chip reports it, HAMi's {@code commonWord}, and its AI cores. */
    public record AscendSku(String chipName, String commonWord, int aiCore) {
    }

    static Vendors catalog() {
        return Catalog.INSTANCE;
    }

    /** The device nodes of NVIDIA GPUs (those of {@link #nvidia}'s descriptor): the control nodes and {@code /dev/nvidia{n}}, major 195. */
    public static DeviceNodes nvidiaDeviceNodes() {
        return new DeviceNodes(List.of("/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia-uvm-tools", "/dev/nvidia-modeset"),
                "/dev/nvidia{n}", OptionalInt.of(NVIDIA_MAJOR), Optional.of("NVIDIA_VISIBLE_DEVICES"));
    }

    private static List<VendorDescriptor> defaults() {
        var all = new ArrayList<VendorDescriptor>();
        all.add(nvidia(new ResourceNames("nvidia.com/gpu", Optional.of("nvidia.com/gpumem"),
                Optional.of("nvidia.com/gpumem-percentage"), Optional.of("nvidia.com/gpucores"),
                Optional.of("nvidia.com/priority")), 0));
        all.add(cambricon(ResourceNames.of("cambricon.com/vmlu", "cambricon.com/mlu.smlu.vmemory", "cambricon.com/mlu.smlu.vcore")));
        ASCEND_SKUS.forEach(sku -> all.add(ascend(sku)));
        all.add(hygon(ResourceNames.of("hygon.com/dcunum", "hygon.com/dcumem", "hygon.com/dcucores")));
        ILUVATAR_CHIPS.forEach(chip -> all.add(iluvatar(chip)));
        all.add(metaxGpu("metax-tech.com/gpu"));
        all.add(metaxSgpu(ResourceNames.of("metax-tech.com/sgpu", "metax-tech.com/vmemory", "metax-tech.com/vcore")));
        all.add(mthreads(ResourceNames.of("mthreads.com/vgpu", "mthreads.com/sgpu-memory", "mthreads.com/sgpu-core")));
        all.addAll(SchedulerOnlyVendors.defaults());
        return all;
    }

    /** NVIDIA GPUs shared through HAMi-core. */
    public static VendorDescriptor nvidia(ResourceNames names, int defaultCores) {
        var keys = new AnnotationKeys(HamiAnnotations.key("vgpu-devices-to-allocate"), HamiAnnotations.key("vgpu-devices-allocated"),
                Optional.of(HamiAnnotations.key("node-nvidia-register")), Optional.of(HamiAnnotations.key("node-handshake")),
                Optional.of("nvidia.com/use-gpuuuid"), Optional.of("nvidia.com/nouse-gpuuuid"),
                Optional.of("nvidia.com/use-gputype"), Optional.of("nvidia.com/nouse-gputype"),
                Optional.of(NodeLockKind.HAMI.key()));
        return new VendorDescriptor("nvidia", Vendor.NVIDIA, "NVIDIA", names, keys, RegisterFormat.JSON,
                MemoryUnit.MIB, 100, defaultCores, "libnvidia-ml.so.1", nvidiaDeviceNodes());
    }

    /**
     * Cambricon MLUs in dynamic-sMLU mode; devices come from node capacity, memory in 256 MiB units, Cambricon's own
     * node lock.
     */
    public static VendorDescriptor cambricon(ResourceNames names) {
        var keys = new AnnotationKeys(AnnotationKeys.toAllocate("cambricon-mlu"), AnnotationKeys.allocated("cambricon-mlu"),
                Optional.empty(), Optional.empty(),
                Optional.of("cambricon.com/use-gpuuuid"), Optional.of("cambricon.com/nouse-gpuuuid"),
                Optional.of("cambricon.com/use-mlutype"), Optional.of("cambricon.com/nouse-mlutype"),
                Optional.of(NodeLockKind.CAMBRICON_DSMLU.key()));
        var nodes = new DeviceNodes(List.of("/dev/cambricon_ctl"), "/dev/cambricon_dev{n}", Optional.of("CAMBRICON_VISIBLE_DEVICES"));
        return new VendorDescriptor("cambricon", Vendor.CAMBRICON, "MLU", names, keys, RegisterFormat.NODE_CAPACITY,
                MemoryUnit.MIB_256, 100, 100, "libcndev.so", nodes);
    }

    /** One Ascend SKU; memory in MiB, cores in AI cores of the SKU. */
    public static VendorDescriptor ascend(AscendSku sku) {
        String word = sku.commonWord();
        var names = ResourceNames.of("huawei.com/" + word, "huawei.com/" + word + "-memory", "huawei.com/" + word + "-core");
        var keys = new AnnotationKeys(AnnotationKeys.toAllocate(word), AnnotationKeys.allocated(word),
                Optional.of(HamiAnnotations.key("node-register-" + word)), Optional.of(HamiAnnotations.key("node-handshake-" + word)),
                Optional.of(HamiAnnotations.key("use-" + word + "-uuid")), Optional.of(HamiAnnotations.key("no-use-" + word + "-uuid")),
                Optional.empty(), Optional.empty(), Optional.of(NodeLockKind.HAMI.key()));
        var nodes = new DeviceNodes(List.of("/dev/davinci_manager", "/dev/devmm_svm", "/dev/hisi_hdc"),
                "/dev/davinci{n}", Optional.of("ASCEND_VISIBLE_DEVICES"));
        return new VendorDescriptor("ascend-" + sku.chipName().toLowerCase(Locale.ROOT), Vendor.ASCEND, word, names, keys,
                RegisterFormat.JSON, MemoryUnit.MIB, sku.aiCore(), 0, "libdcmi.so", nodes);
    }

    /** Hygon DCUs; legacy register string, cores default to a whole card. */
    public static VendorDescriptor hygon(ResourceNames names) {
        var keys = new AnnotationKeys(AnnotationKeys.toAllocate("dcu"), AnnotationKeys.allocated("dcu"),
                Optional.of(HamiAnnotations.key("node-dcu-register")), Optional.of(HamiAnnotations.key("node-handshake-dcu")),
                Optional.of("hygon.com/use-gpuuuid"), Optional.of("hygon.com/nouse-gpuuuid"),
                Optional.of("hygon.com/use-dcutype"), Optional.of("hygon.com/nouse-dcutype"),
                Optional.of(NodeLockKind.HAMI.key()));
        var nodes = new DeviceNodes(List.of("/dev/kfd", "/dev/mkfd"), "/dev/dri/card{n}", Optional.empty());
        return new VendorDescriptor("hygon", Vendor.HYGON, "DCU", names, keys, RegisterFormat.LEGACY,
                MemoryUnit.MIB, 100, 100, "librocm_smi64.so.2", nodes);
    }

    /** One Iluvatar chip; legacy register string, memory in 256 MiB units. */
    public static VendorDescriptor iluvatar(String chip) {
        var names = ResourceNames.of("iluvatar.ai/" + chip + "-vgpu", "iluvatar.ai/" + chip + ".vMem", "iluvatar.ai/" + chip + ".vCore");
        var keys = new AnnotationKeys(AnnotationKeys.toAllocate(chip), AnnotationKeys.allocated(chip),
                Optional.of(HamiAnnotations.key("node-" + chip + "-register")), Optional.of(HamiAnnotations.key("node-handshake-" + chip)),
                Optional.of(HamiAnnotations.key("use-" + chip + "-uuid")), Optional.of(HamiAnnotations.key("no-use-" + chip + "-uuid")),
                Optional.empty(), Optional.empty(), Optional.of(NodeLockKind.HAMI.key()));
        var nodes = new DeviceNodes(List.of("/dev/itrctl"), "/dev/iluvatar{n}", Optional.of("IX_VISIBLE_DEVICES"));
        return new VendorDescriptor("iluvatar-" + chip.toLowerCase(Locale.ROOT), Vendor.ILUVATAR, chip, names, keys,
                RegisterFormat.LEGACY, MemoryUnit.MIB_256, 100, 0, "libixml.so", nodes);
    }

    /** MetaX whole GPUs; devices come from node capacity, no node lock (HAMi's {@code pkg/device/metax/device.go}). */
    public static VendorDescriptor metaxGpu(String countName) {
        var keys = new AnnotationKeys(AnnotationKeys.toAllocate("metax-gpu"), AnnotationKeys.allocated("metax-gpu"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        return new VendorDescriptor("metax-gpu", Vendor.METAX, "Metax-GPU", ResourceNames.countOnly(countName), keys,
                RegisterFormat.NODE_CAPACITY, MemoryUnit.MIB, 100, 100, "libmxsml.so", metaxNodes());
    }

    /** MetaX shared GPUs (sGPU); memory in GiB, cores default to a whole card. */
    public static VendorDescriptor metaxSgpu(ResourceNames names) {
        var keys = new AnnotationKeys(AnnotationKeys.toAllocate("metax-sgpu"), AnnotationKeys.allocated("metax-sgpu"),
                Optional.of(MetaxAnnotations.NODE_DEVICES), Optional.empty(),
                Optional.of("metax-tech.com/use-gpuuuid"), Optional.of("metax-tech.com/nouse-gpuuuid"),
                Optional.empty(), Optional.empty(), Optional.of(NodeLockKind.HAMI.key()));
        return new VendorDescriptor("metax-sgpu", Vendor.METAX, "Metax-SGPU", names, keys, RegisterFormat.METAX_JSON,
                MemoryUnit.GIB, 100, 100, "libmxsml.so", metaxNodes());
    }

    /** Moore Threads sGPUs; memory in 512 MiB units, 16 cores per GPU, no node lock. */
    public static VendorDescriptor mthreads(ResourceNames names) {
        var keys = new AnnotationKeys(AnnotationKeys.toAllocate("mthreads-vgpu"), AnnotationKeys.allocated("mthreads-vgpu"),
                Optional.empty(), Optional.empty(),
                Optional.of("mthreads.ai/use-gpuuuid"), Optional.of("mthreads.ai/nouse-gpuuuid"),
                Optional.empty(), Optional.empty(), Optional.empty());
        var nodes = new DeviceNodes(List.of(), "/dev/mtgpu.{n}", Optional.of("MTHREADS_VISIBLE_DEVICES"));
        return new VendorDescriptor("mthreads", Vendor.MTHREADS, "Mthreads", names, keys, RegisterFormat.NODE_CAPACITY,
                MemoryUnit.MIB_512, 16, 0, "libmtml.so", nodes);
    }

    private static DeviceNodes metaxNodes() {
        return new DeviceNodes(List.of("/dev/mxcd"), "/dev/dri/card{n}", Optional.empty());
    }
}
