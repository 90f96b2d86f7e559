package io.hami.bindings.region;

import static io.hami.bindings.region.RegionLayoutParts.DEVICES;
import static io.hami.bindings.region.RegionLayoutParts.SLOTS;
import static io.hami.bindings.region.RegionLayoutParts.perDevice;
import static io.hami.bindings.region.RegionLayoutParts.semaphore;
import static io.hami.bindings.region.RegionLayoutParts.uuids;
import static io.hami.bindings.region.RegionLayoutParts.words;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * Layout 1.1 of the HAMi-core region (HAMi-core 9b46404 to 24a0f49, shipped by HAMi v2.6 to v2.8):
 * {@code hamicore_region_v1_1_t}, 2 008 952 bytes, alignment 8; files hold one byte more. Little-endian.
 *
 * <pre>
 * region                                    slot (stride 1960)                 device_memory (stride 64)
 * offset      size  member                  offset  size  member               offset size member
 *       0        4  initialized_flag           0     4    pid                     0    8  context_size
 *       4        4  major_version = 1          4     4    hostpid                 8    8  module_size
 *       8        4  minor_version = 1          8  1024    used[16]               16    8  data_size
 *      12        4  sm_init_flag            1032   128    monitorused[16]        24    8  offset (always 0)
 *      16        8  owner_pid               1160   768    device_util[16]        32    8  total
 *      24       32  sem (glibc sem_t)       1928     4    status                 40   24  unused[3]
 *      56        8  device_num              1932     4    (padding)
 *      64     1536  uuids[16][96]           1936    24    unused[3]           device_util (stride 48)
 *    1600      128  limit[16]      bytes                                          0    8  dec_util
 *    1728      128  sm_limit[16]   percent                                        8    8  enc_util
 *    1856  2007040  procs[1024]                                                  16    8  sm_util
 * 2008896        4  proc_num                                                     24   24  unused[3]
 * 2008900        4  utilization_switch   (the monitor writes it)
 * 2008904        4  recent_kernel        (the monitor writes it)
 * 2008908        4  priority
 * 2008912        8  last_kernel_time     Unix seconds
 * 2008920       32  unused[4]
 * </pre>
 *
 * <p>The offsets the reader uses are derived from the named members of {@link #REGION}; the build proves
 * these layouts equal to what gcc lays out for our C header.
 */
public final class RegionV11Descriptor {

    /** {@code hamicore_device_memory_t}: one device's allocation accounting in a slot (1.1 and 1.2). */
    public static final StructLayout DEVICE_MEMORY = MemoryLayout.structLayout(
            JAVA_LONG.withName("context_size"),
            JAVA_LONG.withName("module_size"),
            JAVA_LONG.withName("data_size"),
            JAVA_LONG.withName("offset"),
            JAVA_LONG.withName("total"),
            words(3, "unused")).withName("hamicore_device_memory_t");

    /** {@code hamicore_device_util_t}: one device's utilization samples in a slot (1.1 and 1.2). */
    public static final StructLayout DEVICE_UTIL = MemoryLayout.structLayout(
            JAVA_LONG.withName("dec_util"),
            JAVA_LONG.withName("enc_util"),
            JAVA_LONG.withName("sm_util"),
            words(3, "unused")).withName("hamicore_device_util_t");

    /** {@code hamicore_proc_slot_v1_1_t}: one process. */
    public static final StructLayout SLOT = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"),
            JAVA_INT.withName("hostpid"),
            MemoryLayout.sequenceLayout(DEVICES, DEVICE_MEMORY).withName("used"),
            perDevice("monitorused"),
            MemoryLayout.sequenceLayout(DEVICES, DEVICE_UTIL).withName("device_util"),
            JAVA_INT.withName("status"),
            MemoryLayout.paddingLayout(4),
            words(3, "unused")).withName("hamicore_proc_slot_v1_1_t");

    /** {@code hamicore_region_v1_1_t}: the whole region. */
    public static final StructLayout REGION = MemoryLayout.structLayout(
            JAVA_INT.withName("initialized_flag"),
            JAVA_INT.withName("major_version"),
            JAVA_INT.withName("minor_version"),
            JAVA_INT.withName("sm_init_flag"),
            JAVA_LONG.withName("owner_pid"),
            semaphore("sem"),
            JAVA_LONG.withName("device_num"),
            uuids(),
            perDevice("limit"),
            perDevice("sm_limit"),
            MemoryLayout.sequenceLayout(SLOTS, SLOT).withName("procs"),
            JAVA_INT.withName("proc_num"),
            JAVA_INT.withName("utilization_switch"),
            JAVA_INT.withName("recent_kernel"),
            JAVA_INT.withName("priority"),
            JAVA_LONG.withName("last_kernel_time"),
            words(4, "unused")).withName("hamicore_region_v1_1_t");

    /** The least size of a 1.1 file: {@code sizeof} the region. */
    public static final long MINIMUM_SIZE = REGION.byteSize();

    static final RegionOffsets OFFSETS = RegionOffsets.derive(REGION, "device_num");

    private RegionV11Descriptor() {
    }
}
