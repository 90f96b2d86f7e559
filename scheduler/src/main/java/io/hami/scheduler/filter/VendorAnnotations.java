package io.hami.scheduler.filter;

import io.hami.model.annotation.AscendRuntimeInfoCodec;
import io.hami.model.annotation.CambriconProfileCodec;
import io.hami.model.annotation.DecimalText;
import io.hami.model.annotation.MetaxSgpuAllocationCodec;
import io.hami.model.annotation.MthreadsGpuIndexCodec;
import io.hami.model.device.AscendRuntimeInfos;
import io.hami.model.device.CambriconProfile;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.MetaxSgpuAllocation;
import io.hami.model.device.MthreadsGpuIndex;
import io.hami.model.protocol.AscendAnnotations;
import io.hami.model.protocol.CambriconAnnotations;
import io.hami.model.protocol.EnflameAnnotations;
import io.hami.model.protocol.NeuronAnnotations;
import io.hami.model.protocol.MetaxAnnotations;
import io.hami.model.protocol.MthreadsAnnotations;
import io.hami.model.vendor.Vendor;
import io.hami.scheduler.vendor.DeviceType;
import java.time.Instant;
import java.util.Map;

/**
 * What the filter writes for one type's allocation, as HAMi v2.10's {@code PatchAnnotations} of that type does
 * (docs/protocol.md, "Pod annotations of the other device types"): the {@code hami.io/} allocation pair, and the keys the
 * vendor's own device plugin reads.
 * <ul>
 *   <li>Ascend: {@code huawei.com/<commonWord>} (runtime info) and {@code predicate-time} (Unix seconds);</li>
 *   <li>Cambricon: {@code CAMBRICON_DSMLU_ASSIGNED=false} and {@code CAMBRICON_DSMLU_PROFILE} of the first device of
 *       the first entry that holds one;</li>
 *   <li>Moore Threads: {@code -devices-allocated} only (HAMi writes no {@code -to-allocate} for it),
 *       {@code mthreads.com/gpu-index}, {@code predicate-node}, {@code predicate-time} (Unix nanoseconds);</li>
 *   <li>MetaX sGPU: {@code metax-tech.com/gpu-devices-allocated} and {@code predicate-time} (Unix nanoseconds);</li>
 *   <li>Kunlunxin whole XPUs, Enflame DRS, AWS Neuron: {@code -devices-allocated} only and their plugins' keys
 *       ({@link SchedulerOnlyAnnotations}), with the decision time in Unix nanoseconds for Enflame
 *       ({@code gcu-assigned-time}) and AWS Neuron ({@code NEURON_ALLOC_TIME});</li>
 *   <li>NVIDIA, Hygon, Iluvatar, MetaX whole GPUs, Kunlunxin vXPUs, Enflame GCUs, AMD, Vastai, Biren: the pair
 *       alone.</li>
 * </ul>
 */
final class VendorAnnotations {

    private VendorAnnotations() {
    }

    /** Puts the type's annotations for the allocation on {@code node}, decided at {@code now}, into {@code out}. */
    static void put(Map<String, String> out, TypeAllocation a, String node, Instant now) {
        DeviceType type = a.type();
        var keys = type.descriptor().annotations();
        String value = a.encoded();
        if (writesToAllocate(type)) {
            out.put(keys.devicesToAllocate(), value);
        }
        out.put(keys.devicesAllocated(), value);
        out.putAll(a.vendorAnnotations());
        switch (type.kind()) {
            case ASCEND -> {
                // Every Ascend type comes with its vnpus entry (DeviceTypes.from); without one there is no template.
                type.ascend().ifPresent(chip -> out.put(AscendAnnotations.runtimeInfo(type.commonWord()),
                        AscendRuntimeInfoCodec.INSTANCE.encode(AscendRuntimeInfos.of(a.devices(), chip,
                                a.ascendSoftSplit()))));
                out.put(AscendAnnotations.PREDICATE_TIME, DecimalText.unixSeconds(now));
            }
            case MTHREADS -> {
                out.put(MthreadsAnnotations.GPU_INDEX,
                        MthreadsGpuIndexCodec.INSTANCE.encode(MthreadsGpuIndex.ofPod(a.indexes())));
                out.put(MthreadsAnnotations.PREDICATE_NODE, node);
                out.put(MthreadsAnnotations.PREDICATE_TIME, DecimalText.unixNanos(now));
            }
            case METAX_SGPU -> {
                out.put(MetaxAnnotations.ALLOCATED_DEVICES,
                        MetaxSgpuAllocationCodec.INSTANCE.encode(MetaxSgpuAllocation.of(a.devices())));
                out.put(MetaxAnnotations.PREDICATE_TIME, DecimalText.unixNanos(now));
            }
            case ENFLAME_DRS -> out.put(EnflameAnnotations.ASSIGNED_TIME, DecimalText.unixNanos(now));
            case AWS_NEURON -> {
                if (out.containsKey(NeuronAnnotations.ASSIGNED_IDS)) {
                    out.put(NeuronAnnotations.ALLOC_TIME, DecimalText.unixNanos(now));
                }
            }
            default -> {
                if (type.is(Vendor.CAMBRICON)) {
                    cambricon(out, a);
                }
            }
        }
    }

    /**
     * Whether HAMi writes the type's {@code -to-allocate} key: not for Moore Threads, Kunlunxin whole XPUs, Enflame DRS
     * and AWS Neuron, whose own plugins read only the {@code -allocated} key (or their own keys).
     */
    private static boolean writesToAllocate(DeviceType type) {
        return switch (type.kind()) {
            case MTHREADS, ENFLAME_DRS, AWS_NEURON -> false;
            case KUNLUN -> type.descriptor().sharesMemory();
            default -> true;
        };
    }

    private static void cambricon(Map<String, String> out, TypeAllocation a) {
        out.put(CambriconAnnotations.ASSIGNED, CambriconAnnotations.NOT_ASSIGNED);
        var entries = a.devices().containers();
        for (int c = 0; c < entries.size(); c++) {
            ContainerDevices entry = entries.get(c);
            if (!entry.isEmpty()) {
                out.put(CambriconAnnotations.PROFILE, CambriconProfileCodec.INSTANCE.encode(
                        CambriconProfile.of(a.indexes().get(c).getFirst(), entry.devices().getFirst())));
                return;
            }
        }
    }
}
