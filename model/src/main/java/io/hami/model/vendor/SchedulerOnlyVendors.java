package io.hami.model.vendor;

import io.hami.model.config.ResourceSection;
import io.hami.model.config.ResourceSection.Schema;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.NodeLockKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The device types of the six vendors whose device plugins are their own (Kunlunxin, Enflame, AWS Neuron, AMD, Vastai,
 * Biren): the scheduler serves them, as HAMi v2.10's does, and no daemon of ours runs on their nodes. Each is data; the
 * facts (resource names, keys, formats, locks) are those of HAMi's {@code pkg/device/<vendor>/} and are listed in
 * docs/vendors.md ("The vendors the scheduler serves"). Eight device types, since Kunlunxin and Enflame have two each:
 * <ul>
 *   <li>{@code kunlun-xpu}: whole Kunlunxin XPUs, learnt from node capacity ({@code kunlunxin.com/xpu});</li>
 *   <li>{@code kunlun-vxpu}: Kunlunxin vXPUs (P800), registered in {@code hami.io/node-register-xpu};</li>
 *   <li>{@code enflame-gcu}: whole Enflame GCUs, learnt from node capacity ({@code enflame.com/gcu});</li>
 *   <li>{@code enflame-drs}: Enflame DRS partitions, registered in {@code enflame.com/gcu-drs-capacity};</li>
 *   <li>{@code awsneuron}: AWS Neuron devices and NeuronCores, learnt from node capacity;</li>
 *   <li>{@code amd}, {@code vastai}, {@code biren}: registered in {@code hami.io/node-<x>-register}.</li>
 * </ul>
 * None of these has a management library or device nodes of ours: their plugins hand out the devices.
 */
public final class SchedulerOnlyVendors {

    /** The node annotation Enflame's plugin registers its DRS partitions in. */
    public static final String ENFLAME_DRS_REGISTER = "enflame.com/gcu-drs-capacity";

    private static final DeviceNodes NONE = new DeviceNodes(List.of(), "", Optional.empty());
    private static final Optional<String> HAMI_LOCK = Optional.of(NodeLockKind.HAMI.key());

    private SchedulerOnlyVendors() {
    }

    /** The chart's eight device types. */
    static List<VendorDescriptor> defaults() {
        var all = new ArrayList<VendorDescriptor>();
        for (Schema schema : Schema.values()) {
            all.addAll(of(ResourceSection.defaults(schema)));
        }
        return all;
    }

    /** The device types one section configures. */
    public static List<VendorDescriptor> of(ResourceSection section) {
        return switch (section.schema()) {
            case KUNLUN -> List.of(kunlunXpu(section.name("resourceCountName")),
                    kunlunVxpu(section.name("resourceVCountName"), section.name("resourceVMemoryName")));
            case ENFLAME -> List.of(enflameGcu(section.name("resourceNameGCU")), enflameDrs(section));
            case AWSNEURON -> List.of(awsNeuron(section.name("resourceCountName"), section.name("resourceCoreName")));
            case AMD -> List.of(amd(ResourceNames.of(section.name("resourceCountName"),
                    section.name("resourceMemoryName"), section.name("resourceCoreName"))));
            case VASTAI -> List.of(registered("vastai", Vendor.VASTAI, "Vastai", section.name("resourceCountName"),
                    "va", "vastaitech.com/use-gpuuuid", "vastaitech.com/nouse-gpuuuid"));
            case BIREN -> List.of(registered("biren", Vendor.BIREN, "Biren", section.name("resourceCountName"),
                    "biren", "birentech.com/use-gpuuuid", "birentech.com/nouse-gpuuuid"));
        };
    }

    /** Whole Kunlunxin XPUs: 100 slots, 98304 MiB and 100 cores each, no node lock, {@code hami.io/kunlun-allocated}. */
    static VendorDescriptor kunlunXpu(String count) {
        var keys = new AnnotationKeys(HamiAnnotations.devicesToAllocate("kunlun"), HamiAnnotations.key("kunlun-allocated"),
                Optional.empty(), Optional.empty(), Optional.of("baidu.com/use-gpuuuid"),
                Optional.of("baidu.com/nouse-gpuuuid"), Optional.empty(), Optional.empty(), Optional.empty());
        return new VendorDescriptor("kunlun-xpu", Vendor.KUNLUNXIN, "kunlun", ResourceNames.countOnly(count), keys,
                RegisterFormat.NODE_CAPACITY, MemoryUnit.MIB, 100, 100, "", NONE);
    }

    /** Kunlunxin vXPUs: memory in MiB (rounded up to a quarter, half or whole P800), HAMi's node lock. */
    static VendorDescriptor kunlunVxpu(String count, String memory) {
        var keys = new AnnotationKeys(HamiAnnotations.devicesToAllocate("xpu"), HamiAnnotations.devicesAllocated("xpu"),
                Optional.of(HamiAnnotations.key("node-register-xpu")), Optional.of(HamiAnnotations.key("node-handshake-xpu")),
                Optional.of(HamiAnnotations.key("use-xpu-uuid")), Optional.of(HamiAnnotations.key("no-use-xpu-uuid")),
                Optional.empty(), Optional.empty(), HAMI_LOCK);
        var names = new ResourceNames(count, Optional.of(memory), Optional.empty(), Optional.empty(), Optional.empty());
        return new VendorDescriptor("kunlun-vxpu", Vendor.KUNLUNXIN, "XPU", names, keys, RegisterFormat.JSON,
                MemoryUnit.MIB, 100, 100, "", NONE);
    }

    /** Whole Enflame GCUs: one container each, no node lock. */
    static VendorDescriptor enflameGcu(String count) {
        var keys = new AnnotationKeys(HamiAnnotations.devicesToAllocate("enflame-gcu"),
                HamiAnnotations.devicesAllocated("enflame-gcu"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        return new VendorDescriptor("enflame-gcu", Vendor.ENFLAME, "GCU", ResourceNames.countOnly(count), keys,
                RegisterFormat.NODE_CAPACITY, MemoryUnit.MIB, 100, 100, "", NONE);
    }

    /**
     * Enflame DRS partitions: the count resource is the partition size in slices, memory in GiB (or MiB when larger
     * than twice the largest profile), cores in percent; no node lock. The DRS name falls back to the legacy
     * {@code resourceNameVGCU} when empty, as in HAMi.
     */
    static VendorDescriptor enflameDrs(ResourceSection section) {
        String count = section.name("resourceNameDRSGCU");
        if (count.isEmpty()) {
            count = section.name("resourceNameVGCU").isEmpty() ? Schema.ENFLAME.defaultOf("resourceNameDRSGCU")
                    : section.name("resourceNameVGCU");
        }
        var keys = new AnnotationKeys(HamiAnnotations.devicesToAllocate("enflame-vgpu"),
                HamiAnnotations.devicesAllocated("enflame-vgpu"), Optional.of(ENFLAME_DRS_REGISTER), Optional.empty(),
                Optional.of("enflame.com/use-gpuuuid"), Optional.of("enflame.com/nouse-gpuuuid"), Optional.empty(),
                Optional.empty(), Optional.empty());
        return new VendorDescriptor("enflame-drs", Vendor.ENFLAME, "Enflame",
                ResourceNames.of(count, section.name("resourceNameGCUMemory"), section.name("resourceNameGCUCore")), keys,
                RegisterFormat.ENFLAME_DRS, MemoryUnit.MIB, 100, 0, "", NONE);
    }

    /** AWS Neuron devices: a count of devices, or of NeuronCores (two a device); no node lock. */
    static VendorDescriptor awsNeuron(String count, String cores) {
        var keys = new AnnotationKeys(HamiAnnotations.devicesToAllocate("aws-neuron"),
                HamiAnnotations.devicesAllocated("aws-neuron"), Optional.empty(), Optional.empty(),
                Optional.of("aws.amazon.com/use-neuron-uuid"), Optional.of("aws.amazon.com/nouse-neuron-uuid"),
                Optional.empty(), Optional.empty(), Optional.empty());
        var names = new ResourceNames(count, Optional.empty(), Optional.empty(), Optional.of(cores), Optional.empty());
        return new VendorDescriptor("awsneuron", Vendor.AWS_NEURON, "AWSNeuron", names, keys,
                RegisterFormat.NODE_CAPACITY, MemoryUnit.MIB, 2, 0, "", NONE);
    }

    /** AMD Instinct GPUs: memory in MiB, cores in percent of the GPU's compute units, HAMi's node lock. */
    static VendorDescriptor amd(ResourceNames names) {
        var keys = new AnnotationKeys(HamiAnnotations.devicesToAllocate("amd"), HamiAnnotations.devicesAllocated("amd"),
                Optional.of(HamiAnnotations.key("node-amd-register")), Optional.empty(),
                Optional.of("amd.com/use-gpu-uuid"), Optional.of("amd.com/nouse-gpu-uuid"),
                Optional.of("amd.com/use-gputype"), Optional.of("amd.com/nouse-gputype"), HAMI_LOCK);
        return new VendorDescriptor("amd", Vendor.AMD, "AMD", names, keys, RegisterFormat.JSON, MemoryUnit.MIB, 100, 100,
                "", NONE);
    }

    /**
     * A type that registers in {@code hami.io/node-<word>-register}, answers {@code hami.io/node-handshake-<word>} and
     * is shared by count only (Vastai, Biren); its allocation keys carry the common word as HAMi spells it.
     */
    private static VendorDescriptor registered(String id, Vendor vendor, String commonWord, String count, String word,
                                               String useUuid, String noUseUuid) {
        var keys = new AnnotationKeys(HamiAnnotations.devicesToAllocate(commonWord),
                HamiAnnotations.devicesAllocated(commonWord), Optional.of(HamiAnnotations.key("node-" + word + "-register")),
                Optional.of(HamiAnnotations.key("node-handshake-" + word)), Optional.of(useUuid), Optional.of(noUseUuid),
                Optional.empty(), Optional.empty(), HAMI_LOCK);
        return new VendorDescriptor(id, vendor, commonWord, ResourceNames.countOnly(count), keys, RegisterFormat.JSON,
                MemoryUnit.MIB, 100, 0, "", NONE);
    }
}
