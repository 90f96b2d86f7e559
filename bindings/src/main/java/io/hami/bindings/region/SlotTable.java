package io.hami.bindings.region;

import static io.hami.bindings.region.RegionFiles.i32;
import static io.hami.bindings.region.RegionFiles.i64;
import static io.hami.bindings.region.RegionFiles.u64;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Copies {@code procs[0..n)} out of a region file, following the 1.2 seqlock.
 *
 * <p>For 1.2, the table is read three times with positional reads: the first copy supplies each slot's seqlock
 * "before", the second its data, the third its seqlock "after". The kernel's copy runs on this thread, so a
 * load-load fence between the calls keeps every load of one copy before every load of the next (on x86-64 it
 * costs nothing; on a weaker memory model it is needed). A slot whose seqlock was the same even value in the
 * first and third copies was therefore not written while the second was taken. A slot that fails is retried
 * alone (seqlock, slot, seqlock) on the {@link SeqlockBackoff} schedule of the snapshot.
 *
 * <p>A slot that never settles is reported {@linkplain ProcessSlot#stale() stale}, never as zero: its
 * {@code used[]} is the last consistent copy this reader took of the same process (same pid) in that slot, or,
 * when it took none, the last copy read. A writer that died between its two increments leaves the seqlock odd
 * for good: that slot is stale in every snapshot, where libvgpu's own reader would spin.
 */
final class SlotTable {
    private static final int DEVICES = RegionLayoutParts.DEVICES;

    private final FileChannel channel;
    private final RegionFormat format;
    private final RegionOffsets o;
    private final SeqlockBackoff backoff;
    private final Map<Integer, Kept> lastConsistent;

    /** The last consistent {@code used[]} of an active slot, and whose it was. */
    record Kept(int pid, List<MemoryUsage> used) {
    }

    /**
     * The slots decoded; {@code settled} when every slot was consistent in the copies themselves (none retried, none
     * stale), so the middle copy is one the seqlocks vouch for as a whole.
     */
    record Table(List<ProcessSlot> slots, boolean settled) {
    }

    /**
     * @param lastConsistent the last consistent copy of each active slot, by index, kept by the reader between
     *                       snapshots (at most one per slot, so at most 1024); updated here
     */
    SlotTable(FileChannel channel, RegionFormat format, SeqlockBackoff backoff, Map<Integer, Kept> lastConsistent) {
        this.channel = channel;
        this.format = format;
        this.o = format.offsets();
        this.backoff = backoff;
        this.lastConsistent = lastConsistent;
    }

    /** The length of {@code procs[0..count)} of {@code format} in bytes. */
    static int length(RegionFormat format, int count) {
        return Math.multiplyExact(count, Math.toIntExact(format.offsets().slotStride()));
    }

    /** Copies {@code procs[0..count)} into fresh arrays and decodes it. */
    Table read(int count) throws IOException, InvalidRegionException {
        int length = length(format, count);
        var before = new byte[length];
        var data = new byte[length];
        var after = new byte[length];
        copy(channel, format, before, data, after, length);
        return decode(MemorySegment.ofArray(before), MemorySegment.ofArray(data), MemorySegment.ofArray(after), count);
    }

    /**
     * Copies the first {@code length} bytes of the slot table: for 1.2 three times, into {@code before}, {@code data}
     * and {@code after}, with a load-load fence between the copies; for other layouts once, into {@code data}.
     */
    static void copy(FileChannel channel, RegionFormat format, byte[] before, byte[] data, byte[] after, int length)
            throws IOException, InvalidRegionException {
        long at = format.offsets().procs();
        if (!format.hasSeqlock()) {
            RegionFiles.readInto(channel, at, data, 0, length, format);
            return;
        }
        RegionFiles.readInto(channel, at, before, 0, length, format);
        VarHandle.loadLoadFence();
        RegionFiles.readInto(channel, at, data, 0, length, format);
        VarHandle.loadLoadFence();
        RegionFiles.readInto(channel, at, after, 0, length, format);
    }

    /**
     * The {@code count} slots of copies made as {@link #copy} makes them (each copy's table from its first byte; for
     * layouts without seqlock only {@code data} is read); a 1.2 slot whose seqlock moved is retried from the file.
     */
    Table decode(MemorySegment before, MemorySegment data, MemorySegment after, int count)
            throws IOException, InvalidRegionException {
        lastConsistent.keySet().removeIf(index -> index >= count);
        if (count == 0) {
            return new Table(List.of(), true);
        }
        int stride = Math.toIntExact(o.slotStride());
        var slots = new ArrayList<ProcessSlot>(count);
        if (!format.hasSeqlock()) {
            for (int s = 0; s < count; s++) {
                slots.add(decode(data, (long) s * stride, s, false));
            }
            return new Table(slots, true);
        }
        boolean settled = true;
        for (int s = 0; s < count; s++) {
            long base = (long) s * stride;
            long seq = i64(before, base + o.seqlock());
            boolean stable = (seq & 1) == 0 && seq == i64(after, base + o.seqlock());
            var slot = stable ? decode(data, base, s, false) : retry(s, stride, data.asSlice(base, stride));
            if (!slot.stale() && slot.active()) {
                lastConsistent.put(s, new Kept(slot.pid(), slot.used()));
            }
            settled &= stable;
            slots.add(slot);
        }
        return new Table(slots, settled);
    }

    private ProcessSlot retry(int index, int stride, MemorySegment copied) throws IOException, InvalidRegionException {
        long slotAt = o.slot(index);
        var last = copied;
        for (int attempt = 0; backoff.beforeRetry(attempt); attempt++) {
            long seq = seqlock(slotAt);
            if ((seq & 1) != 0) {
                continue;
            }
            VarHandle.loadLoadFence();
            last = MemorySegment.ofArray(RegionFiles.read(channel, slotAt, stride, format));
            VarHandle.loadLoadFence();
            if (seqlock(slotAt) == seq) {
                return decode(last, 0, index, false);
            }
        }
        var stale = decode(last, 0, index, true);
        var kept = lastConsistent.get(index);
        return kept != null && kept.pid() == stale.pid() ? stale.withUsed(kept.used()) : stale;
    }

    private long seqlock(long slotAt) throws IOException, InvalidRegionException {
        return i64(MemorySegment.ofArray(RegionFiles.read(channel, slotAt + o.seqlock(), Long.BYTES, format)), 0);
    }

    private ProcessSlot decode(MemorySegment bytes, long base, int index, boolean stale) {
        var used = new MemoryUsage[DEVICES];
        var monitorUsed = new Long[DEVICES];
        var smUtil = new Long[DEVICES];
        for (int d = 0; d < DEVICES; d++) {
            long at = base + o.used() + d * o.usedStride();
            used[d] = MemoryUsage.of(u64(bytes, at + o.contextSize()), u64(bytes, at + o.moduleSize()),
                    u64(bytes, at + o.dataSize()), u64(bytes, at + o.offset()), u64(bytes, at + o.total()));
            monitorUsed[d] = u64(bytes, base + o.monitorused() + (long) d * Long.BYTES);
            smUtil[d] = u64(bytes, base + o.deviceUtil() + d * o.utilStride() + o.smUtil());
        }
        return new ProcessSlot(index, i32(bytes, base + o.pid()), i32(bytes, base + o.hostpid()),
                i32(bytes, base + o.status()), stale, List.of(used), List.of(monitorUsed), List.of(smUtil));
    }
}
