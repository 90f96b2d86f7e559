package io.hami.scheduler.vendor;

import io.hami.model.config.VnpuConfig;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.VendorDescriptor;
import java.util.Objects;
import java.util.Optional;

/**
 * One device type the scheduler serves: its {@link VendorDescriptor} (names, keys, units) plus the few settings of the
 * device config that only the scheduler reads. Types are data; the mechanisms ({@code request}, {@code inventory},
 * {@code fit}) switch on {@link #kind()} only where a vendor really behaves differently.
 *
 * @param ordinal       position in its {@link DeviceTypes} catalog, for array-indexed per-type state
 * @param descriptor    the device type as the model describes it
 * @param defaultMemory MiB booked when a container asks neither memory nor a percentage (NVIDIA {@code defaultMemory});
 *                      0 books the whole device
 * @param ascend        the {@code vnpus} entry of an Ascend type (templates, memory), empty for other vendors
 * @param ascendSoftDefault whether Ascend nodes without the {@code hami-vnpu-core} annotation allow HAMi-core soft
 *                      split ({@code vnpus.hamiVnpuCore})
 * @param metaxTopologyAware whether exclusive MetaX sGPUs score nodes by MetaLink zones when the pod does not say
 *                      ({@code metax.sgpuTopologyAware})
 */
public record DeviceType(int ordinal, VendorDescriptor descriptor, int defaultMemory, Optional<VnpuConfig> ascend,
                         boolean ascendSoftDefault, boolean metaxTopologyAware) {

    /** The behaviours that differ between device types. */
    public enum Kind {
        /** NVIDIA GPUs: type, mode and NUMA filters, topology-aware selection, MIG. */
        NVIDIA,
        /** Huawei Ascend NPUs: vNPU templates, soft split, HCCS network selection. */
        ASCEND,
        /** Moore Threads sGPUs: all of a pod's devices on one card. */
        MTHREADS,
        /** MetaX shared GPUs: QoS policies, online/offline app classes, MetaLink zones for exclusive requests. */
        METAX_SGPU,
        /** MetaX whole GPUs: the node score reads the node's topology losses or scores. */
        METAX_GPU,
        /** Cambricon, Hygon and Iluvatar: the shared rules only. */
        SHARED,
        /** Kunlunxin whole XPUs and vXPUs: devices chosen by the P800's topology (two groups of four). */
        KUNLUN,
        /** Enflame whole GCUs: one container per GCU. */
        ENFLAME_GCU,
        /** Enflame DRS: a request is resolved to one of the node's partition profiles. */
        ENFLAME_DRS,
        /** AWS Neuron: NeuronCores as bits of a device; several devices contiguous (a ring on Inferentia). */
        AWS_NEURON,
        /** AMD: cores are a percentage of each GPU's compute units. */
        AMD,
        /** Vastai: in die mode, a container's dies on as few cards as possible. */
        VASTAI,
        /** Biren: shared by count only. */
        BIREN
    }

    public DeviceType {
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must not be negative: " + ordinal);
        }
        Objects.requireNonNull(descriptor, "descriptor");
        if (defaultMemory < 0) {
            throw new IllegalArgumentException("defaultMemory must not be negative: " + defaultMemory);
        }
        Objects.requireNonNull(ascend, "ascend");
    }

    /** A type without MetaX's topology setting. */
    public DeviceType(int ordinal, VendorDescriptor descriptor, int defaultMemory, Optional<VnpuConfig> ascend,
                      boolean ascendSoftDefault) {
        this(ordinal, descriptor, defaultMemory, ascend, ascendSoftDefault, false);
    }

    /** The device type id, e.g. {@code nvidia}. */
    public String id() {
        return descriptor.id();
    }

    /** HAMi's device-type key, e.g. {@code NVIDIA}; also the {@code Type} written into allocation annotations. */
    public String commonWord() {
        return descriptor.commonWord();
    }

    /** Which behaviours this type follows. */
    public Kind kind() {
        return switch (descriptor.vendor()) {
            case NVIDIA -> Kind.NVIDIA;
            case ASCEND -> Kind.ASCEND;
            case MTHREADS -> Kind.MTHREADS;
            case METAX -> "metax-sgpu".equals(descriptor.id()) ? Kind.METAX_SGPU : Kind.METAX_GPU;
            case CAMBRICON, HYGON, ILUVATAR -> Kind.SHARED;
            case KUNLUNXIN -> Kind.KUNLUN;
            case ENFLAME -> "enflame-drs".equals(descriptor.id()) ? Kind.ENFLAME_DRS : Kind.ENFLAME_GCU;
            case AWS_NEURON -> Kind.AWS_NEURON;
            case AMD -> Kind.AMD;
            case VASTAI -> Kind.VASTAI;
            case BIREN -> Kind.BIREN;
        };
    }

    /** Whether this is the given vendor's type. */
    public boolean is(Vendor vendor) {
        return descriptor.vendor() == vendor;
    }

    @Override
    public String toString() {
        return id();
    }
}
