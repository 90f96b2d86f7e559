package io.hami.bindings.nvml;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.ffm.CStrings;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * The MIG structs of our {@code hami/nvml.h} as FFM layouts (gcc, LP64), named after their typedefs with
 * members named as in C; NvmlLayoutTest proves each against the C probe. Readers copy a struct into a record.
 */
final class NvmlMigLayouts {

    static final int NVML_COMPUTE_INSTANCE_ENGINE_PROFILE_SHARED = 0;

    static final StructLayout GPU_INSTANCE_PLACEMENT = placement("nvmlGpuInstancePlacement_t");
    static final StructLayout COMPUTE_INSTANCE_PLACEMENT = placement("nvmlComputeInstancePlacement_t");

    static final StructLayout GPU_INSTANCE_PROFILE_INFO = MemoryLayout.structLayout(
            giCounts(false)).withName("nvmlGpuInstanceProfileInfo_t");

    static final StructLayout GPU_INSTANCE_PROFILE_INFO_V2 = MemoryLayout.structLayout(
            giCounts(true)).withName("nvmlGpuInstanceProfileInfo_v2_t");

    /** {@code NVML_STRUCT_VERSION(GpuInstanceProfileInfo, 2)}. */
    static final int nvmlGpuInstanceProfileInfo_v2 = (int) GPU_INSTANCE_PROFILE_INFO_V2.byteSize() | 2 << 24;

    static final StructLayout GPU_INSTANCE_INFO = MemoryLayout.structLayout(
            ADDRESS.withName("device"),
            JAVA_INT.withName("id"),
            JAVA_INT.withName("profileId"),
            GPU_INSTANCE_PLACEMENT.withName("placement")).withName("nvmlGpuInstanceInfo_t");

    static final StructLayout COMPUTE_INSTANCE_PROFILE_INFO = MemoryLayout.structLayout(
            ciCounts(false)).withName("nvmlComputeInstanceProfileInfo_t");

    static final StructLayout COMPUTE_INSTANCE_PROFILE_INFO_V2 = MemoryLayout.structLayout(
            ciCounts(true)).withName("nvmlComputeInstanceProfileInfo_v2_t");

    /** {@code NVML_STRUCT_VERSION(ComputeInstanceProfileInfo, 2)}. */
    static final int nvmlComputeInstanceProfileInfo_v2 = (int) COMPUTE_INSTANCE_PROFILE_INFO_V2.byteSize() | 2 << 24;

    static final StructLayout COMPUTE_INSTANCE_INFO = MemoryLayout.structLayout(
            ADDRESS.withName("device"),
            ADDRESS.withName("gpuInstance"),
            JAVA_INT.withName("id"),
            JAVA_INT.withName("profileId"),
            COMPUTE_INSTANCE_PLACEMENT.withName("placement")).withName("nvmlComputeInstanceInfo_t");

    static final StructLayout DEVICE_ATTRIBUTES = MemoryLayout.structLayout(
            JAVA_INT.withName("multiprocessorCount"),
            JAVA_INT.withName("sharedCopyEngineCount"),
            JAVA_INT.withName("sharedDecoderCount"),
            JAVA_INT.withName("sharedEncoderCount"),
            JAVA_INT.withName("sharedJpegCount"),
            JAVA_INT.withName("sharedOfaCount"),
            JAVA_INT.withName("gpuInstanceSliceCount"),
            JAVA_INT.withName("computeInstanceSliceCount"),
            JAVA_LONG.withName("memorySizeMB")).withName("nvmlDeviceAttributes_t");

    private NvmlMigLayouts() {
    }

    private static StructLayout placement(String name) {
        return MemoryLayout.structLayout(JAVA_INT.withName("start"), JAVA_INT.withName("size")).withName(name);
    }

    private static MemoryLayout[] giCounts(boolean v2) {
        var counts = new java.util.ArrayList<MemoryLayout>();
        if (v2) {
            counts.add(JAVA_INT.withName("version"));
        }
        for (var name : new String[] {"id", "isP2pSupported", "sliceCount", "instanceCount", "multiprocessorCount",
                "copyEngineCount", "decoderCount", "encoderCount", "jpegCount", "ofaCount"}) {
            counts.add(JAVA_INT.withName(name));
        }
        if (v2) {
            counts.add(MemoryLayout.paddingLayout(4));
        }
        counts.add(JAVA_LONG.withName("memorySizeMB"));
        if (v2) {
            counts.add(MemoryLayout.sequenceLayout(NvmlLayouts.NVML_DEVICE_NAME_V2_BUFFER_SIZE, JAVA_BYTE).withName("name"));
        }
        return counts.toArray(MemoryLayout[]::new);
    }

    private static MemoryLayout[] ciCounts(boolean v2) {
        var counts = new java.util.ArrayList<MemoryLayout>();
        if (v2) {
            counts.add(JAVA_INT.withName("version"));
        }
        for (var name : new String[] {"id", "sliceCount", "instanceCount", "multiprocessorCount", "sharedCopyEngineCount",
                "sharedDecoderCount", "sharedEncoderCount", "sharedJpegCount", "sharedOfaCount"}) {
            counts.add(JAVA_INT.withName(name));
        }
        if (v2) {
            counts.add(MemoryLayout.sequenceLayout(NvmlLayouts.NVML_DEVICE_NAME_V2_BUFFER_SIZE, JAVA_BYTE).withName("name"));
        }
        return counts.toArray(MemoryLayout[]::new);
    }

    static final VarHandle GPU_INSTANCE_PROFILE_INFO_V2_VERSION = field(GPU_INSTANCE_PROFILE_INFO_V2, "version");
    static final VarHandle COMPUTE_INSTANCE_PROFILE_INFO_V2_VERSION = field(COMPUTE_INSTANCE_PROFILE_INFO_V2, "version");

    private static VarHandle field(StructLayout layout, String name) {
        return layout.varHandle(groupElement(name));
    }

    private static int i(StructLayout layout, MemorySegment s, String name) {
        return s.get(JAVA_INT, layout.byteOffset(groupElement(name)));
    }

    private static long l(StructLayout layout, MemorySegment s, String name) {
        return s.get(JAVA_LONG, layout.byteOffset(groupElement(name)));
    }

    private static String name(StructLayout layout, MemorySegment s) {
        return CStrings.read(s, layout.byteOffset(groupElement("name")), NvmlLayouts.NVML_DEVICE_NAME_V2_BUFFER_SIZE);
    }

    static GpuInstanceProfile gpuInstanceProfile(StructLayout layout, MemorySegment s) {
        return new GpuInstanceProfile(i(layout, s, "id"), i(layout, s, "isP2pSupported") != 0, i(layout, s, "sliceCount"),
                i(layout, s, "instanceCount"), i(layout, s, "multiprocessorCount"), i(layout, s, "copyEngineCount"),
                i(layout, s, "decoderCount"), i(layout, s, "encoderCount"), i(layout, s, "jpegCount"),
                i(layout, s, "ofaCount"), l(layout, s, "memorySizeMB"),
                layout == GPU_INSTANCE_PROFILE_INFO_V2 ? name(layout, s) : "");
    }

    static ComputeInstanceProfile computeInstanceProfile(StructLayout layout, MemorySegment s) {
        return new ComputeInstanceProfile(i(layout, s, "id"), i(layout, s, "sliceCount"), i(layout, s, "instanceCount"),
                i(layout, s, "multiprocessorCount"), i(layout, s, "sharedCopyEngineCount"),
                i(layout, s, "sharedDecoderCount"), i(layout, s, "sharedEncoderCount"), i(layout, s, "sharedJpegCount"),
                i(layout, s, "sharedOfaCount"), layout == COMPUTE_INSTANCE_PROFILE_INFO_V2 ? name(layout, s) : "");
    }

    static MigPlacement placement(MemorySegment s, long at) {
        return new MigPlacement(s.get(JAVA_INT, at), s.get(JAVA_INT, at + JAVA_INT.byteSize()));
    }

    static GpuInstanceInfo gpuInstanceInfo(MemorySegment s) {
        var l = GPU_INSTANCE_INFO;
        return new GpuInstanceInfo(new NvmlDevice(s.get(ADDRESS, l.byteOffset(groupElement("device"))).address()),
                i(l, s, "id"), i(l, s, "profileId"), placement(s, l.byteOffset(groupElement("placement"))));
    }

    static ComputeInstanceInfo computeInstanceInfo(MemorySegment s) {
        var l = COMPUTE_INSTANCE_INFO;
        return new ComputeInstanceInfo(new NvmlDevice(s.get(ADDRESS, l.byteOffset(groupElement("device"))).address()),
                new NvmlGpuInstance(s.get(ADDRESS, l.byteOffset(groupElement("gpuInstance"))).address()),
                i(l, s, "id"), i(l, s, "profileId"), placement(s, l.byteOffset(groupElement("placement"))));
    }

    static DeviceAttributes deviceAttributes(MemorySegment s) {
        var l = DEVICE_ATTRIBUTES;
        return new DeviceAttributes(i(l, s, "multiprocessorCount"), i(l, s, "sharedCopyEngineCount"),
                i(l, s, "sharedDecoderCount"), i(l, s, "sharedEncoderCount"), i(l, s, "sharedJpegCount"),
                i(l, s, "sharedOfaCount"), i(l, s, "gpuInstanceSliceCount"), i(l, s, "computeInstanceSliceCount"),
                l(l, s, "memorySizeMB"));
    }
}
