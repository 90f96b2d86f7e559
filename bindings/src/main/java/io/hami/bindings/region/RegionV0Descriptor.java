package io.hami.bindings.region;

import static io.hami.bindings.region.RegionLayoutParts.DEVICES;
import static io.hami.bindings.region.RegionLayoutParts.SLOTS;
import static io.hami.bindings.region.RegionLayoutParts.perDevice;
import static io.hami.bindings.region.RegionLayoutParts.semaphore;
import static io.hami.bindings.region.RegionLayoutParts.uuids;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * Layout "v0" of the HAMi-core region (HAMi-core 7a9c88b, 2024-04; HAMi's v0 monitor):
 * {@code hamicore_region_v0_t}, 1 197 896 bytes, alignment 8; files hold one byte more. Little-endian.
 * It has no version fields (offset 4 is {@code sm_init_flag}), no last kernel time, and accounting structs
 * without reserved tails.
 *
 * <pre>
 * region                                    slot (stride 1168)                 device_memory (stride 40)
 * offset      size  member                  offset  size  member               offset size member
 *       0        4  initialized_flag           0     4    pid                     0    8  context_size
 *       4        4  sm_init_flag               4     4    hostpid                 8    8  module_size
 *       8        8  owner_pid                  8   640    used[16]               16    8  data_size
 *      16       32  sem (glibc sem_t)        648   128    monitorused[16]        24    8  offset
 *      48        8  num (device count)       776   384    device_util[16]        32    8  total
 *      56     1536  uuids[16][96]           1160     4    status
 *    1592      128  limit[16]      bytes    1164     4    (padding)           device_util (stride 24)
 *    1720      128  sm_limit[16]   percent                                        0    8  dec_util
 *    1848  1196032  procs[1024]                                                   8    8  enc_util
 * 1197880        4  proc_num                                                     16    8  sm_util
 * 1197884        4  utilization_switch   (the monitor writes it)
 * 1197888        4  recent_kernel        (the monitor writes it)
 * 1197892        4  priority
 * </pre>
 *
 * <p>The 40- and 24-byte accounting structs are those of 1.1 without their {@code unused[3]} tails, which is
 * what their strides say.
 */
public final class RegionV0Descriptor {

    /** {@code hamicore_device_memory_v0_t}: one device's allocation accounting in a slot. */
    public static final StructLayout DEVICE_MEMORY = MemoryLayout.structLayout(
            JAVA_LONG.withName("context_size"),
            JAVA_LONG.withName("module_size"),
            JAVA_LONG.withName("data_size"),
            JAVA_LONG.withName("offset"),
            JAVA_LONG.withName("total")).withName("hamicore_device_memory_v0_t");

    /** {@code hamicore_device_util_v0_t}: one device's utilization samples in a slot. */
    public static final StructLayout DEVICE_UTIL = MemoryLayout.structLayout(
            JAVA_LONG.withName("dec_util"),
            JAVA_LONG.withName("enc_util"),
            JAVA_LONG.withName("sm_util")).withName("hamicore_device_util_v0_t");

    /** {@code hamicore_proc_slot_v0_t}: one process. */
    public static final StructLayout SLOT = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"),
            JAVA_INT.withName("hostpid"),
            MemoryLayout.sequenceLayout(DEVICES, DEVICE_MEMORY).withName("used"),
            perDevice("monitorused"),
            MemoryLayout.sequenceLayout(DEVICES, DEVICE_UTIL).withName("device_util"),
            JAVA_INT.withName("status"),
            MemoryLayout.paddingLayout(4)).withName("hamicore_proc_slot_v0_t");

    /** {@code hamicore_region_v0_t}: the whole region. */
    public static final StructLayout REGION = MemoryLayout.structLayout(
            JAVA_INT.withName("initialized_flag"),
            JAVA_INT.withName("sm_init_flag"),
            JAVA_LONG.withName("owner_pid"),
            semaphore("sem"),
            JAVA_LONG.withName("num"),
            uuids(),
            perDevice("limit"),
            perDevice("sm_limit"),
            MemoryLayout.sequenceLayout(SLOTS, SLOT).withName("procs"),
            JAVA_INT.withName("proc_num"),
            JAVA_INT.withName("utilization_switch"),
            JAVA_INT.withName("recent_kernel"),
            JAVA_INT.withName("priority")).withName("hamicore_region_v0_t");

    /** The least size of a v0 file: {@code sizeof} the region. */
    public static final long MINIMUM_SIZE = REGION.byteSize();

    static final RegionOffsets OFFSETS = RegionOffsets.derive(REGION, "num");

    private RegionV0Descriptor() {
    }
}
