package io.hami.bindings.region;

import java.util.List;

/**
 * One process slot, {@code procs[index]}, as copied in one snapshot.
 *
 * @param index      the slot index, below the snapshot's {@code procNum}
 * @param pid        the process's pid in the container's namespace; 0 once it exited
 * @param hostPid    its host pid as libvgpu found it through NVML; 0 until found. Written by the container,
 *                   so never to be trusted as a host pid
 * @param status     1 running, 2 suspended, 0 exited; HAMi counts every slot whose status is not 0
 * @param consistent whether {@code used} is a consistent copy: always for layouts without a seqlock; for 1.2,
 *                   false when the owner kept the seqlock moving (or odd) through every bounded retry
 * @param used       {@code used[0..16)}, or empty when not consistent
 * @param monitorUsed {@code monitorused[0..16)}: NVML's per-process used bytes, written by libvgpu's watcher
 *                   (not under the seqlock, and zeroed by the watcher every 120 ms before it refills them)
 * @param smUtil     {@code device_util[0..16).sm_util}: NVML SM utilization percent
 */
public record ProcessSlot(int index, int pid, int hostPid, int status, boolean consistent,
                          List<MemoryUsage> used, List<Long> monitorUsed, List<Long> smUtil) {

    public ProcessSlot {
        used = List.copyOf(used);
        monitorUsed = List.copyOf(monitorUsed);
        smUtil = List.copyOf(smUtil);
        if (consistent != (used.size() == RegionLayoutParts.DEVICES)) {
            throw new IllegalArgumentException("a consistent slot has 16 used entries, an inconsistent one none");
        }
    }

    /** Whether HAMi counts this slot: its status is not 0 (running, suspended, or a process that died unclean). */
    public boolean active() {
        return status != 0;
    }

    /** The booked memory on {@code device}; {@link MemoryUsage#NONE} when the copy was not consistent. */
    public MemoryUsage used(int device) {
        return consistent ? used.get(device) : MemoryUsage.NONE;
    }
}
