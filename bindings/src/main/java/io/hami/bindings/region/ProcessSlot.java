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
 * @param stale      whether {@code used} is not a consistent copy taken by this snapshot: never for layouts
 *                   without a seqlock; for 1.2, when the owner kept the seqlock moving (or odd) through every
 *                   bounded retry. {@code used} then holds the last consistent copy the reader took of the same
 *                   process in this slot, or, when it took none, the last copy read, whose words are each a value
 *                   the owner stored but whose {@code total} and classes may come from different updates
 * @param used       {@code used[0..16)}
 * @param monitorUsed {@code monitorused[0..16)}: NVML's per-process used bytes, written by libvgpu's watcher
 *                   (not under the seqlock, and zeroed by the watcher every 120 ms before it refills them)
 * @param smUtil     {@code device_util[0..16).sm_util}: NVML SM utilization percent
 */
public record ProcessSlot(int index, int pid, int hostPid, int status, boolean stale,
                          List<MemoryUsage> used, List<Long> monitorUsed, List<Long> smUtil) {

    public ProcessSlot {
        used = List.copyOf(used);
        monitorUsed = List.copyOf(monitorUsed);
        smUtil = List.copyOf(smUtil);
        if (used.size() != RegionLayoutParts.DEVICES) {
            throw new IllegalArgumentException("a slot has 16 used entries, not " + used.size());
        }
    }

    /** Whether HAMi counts this slot: its status is not 0 (running, suspended, or a process that died unclean). */
    public boolean active() {
        return status != 0;
    }

    /** The booked memory on {@code device}; stale when {@link #stale()} is. */
    public MemoryUsage used(int device) {
        return used.get(device);
    }

    /** This slot with {@code used} in place of its own (still marked stale or not as this one is). */
    ProcessSlot withUsed(List<MemoryUsage> used) {
        return new ProcessSlot(index, pid, hostPid, status, stale, used, monitorUsed, smUtil);
    }
}
