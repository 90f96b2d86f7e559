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
 * Layout 1.2 of the HAMi-core region, the current one (HAMi-core b69b1ea onwards, shipped by HAMi v2.8.3 and
 * v2.9.0): {@code hamicore_region_v1_2_t}, 2 008 952 bytes, alignment 8; files hold one byte more.
 * Little-endian. Same offsets as {@linkplain RegionV11Descriptor 1.1}; the differences are marked *.
 *
 * <pre>
 * region                                    slot (stride 1960)
 * offset      size  member                  offset  size  member
 *       0        4  initialized_flag           0     4    pid          container pid; 0 = exited
 *       4        4  major_version = 1          4     4    hostpid      0 until found through NVML
 *       8        4  minor_version = 2 *        8  1024    used[16]     device_memory_t, stride 64
 *      12        4  sm_init_flag            1032   128    monitorused[16]
 *      16        8  owner_pid               1160   768    device_util[16]  device_util_t, stride 48
 *      24       32  sem (glibc sem_t)       1928     4    status       1 running, 2 suspended, 0 exited
 *      56        8  device_num              1932     4    (padding)
 *      64     1536  uuids[16][96]           1936     8    seqlock *    odd while used[] is written
 *    1600      128  limit[16]      bytes    1944    16    unused[2] *
 *    1728      128  sm_limit[16]   percent
 *    1856  2007040  procs[1024]
 * 2008896        4  proc_num
 * 2008900        4  utilization_switch   (the monitor writes it)
 * 2008904        4  recent_kernel        (the monitor writes it)
 * 2008908        4  priority
 * 2008912        8  last_kernel_time     Unix seconds
 * 2008920       32  sem_postinit * (glibc sem_t)
 * </pre>
 *
 * <p>The seqlock protocol: the slot's owner increments {@code seqlock} (odd), updates {@code used[d]}, and
 * increments it again (even). A reader that saw the same even value before and after copying {@code used[]}
 * holds a consistent copy. {@code device_memory_t} and {@code device_util_t} are those of
 * {@link RegionV11Descriptor#DEVICE_MEMORY} and {@link RegionV11Descriptor#DEVICE_UTIL}.
 */
public final class RegionV12Descriptor {

    /** {@code hamicore_proc_slot_v1_2_t}: one process. */
    public static final StructLayout SLOT = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"),
            JAVA_INT.withName("hostpid"),
            MemoryLayout.sequenceLayout(DEVICES, RegionV11Descriptor.DEVICE_MEMORY).withName("used"),
            perDevice("monitorused"),
            MemoryLayout.sequenceLayout(DEVICES, RegionV11Descriptor.DEVICE_UTIL).withName("device_util"),
            JAVA_INT.withName("status"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("seqlock"),
            words(2, "unused")).withName("hamicore_proc_slot_v1_2_t");

    /** {@code hamicore_region_v1_2_t}: the whole region. */
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
            semaphore("sem_postinit")).withName("hamicore_region_v1_2_t");

    /** The least size of a 1.2 file: {@code sizeof} the region. */
    public static final long MINIMUM_SIZE = REGION.byteSize();

    static final RegionOffsets OFFSETS = RegionOffsets.derive(REGION, "device_num");

    private RegionV12Descriptor() {
    }
}
