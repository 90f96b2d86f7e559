package io.hami.bindings.region;

import static io.hami.bindings.region.RegionFiles.i32;
import static io.hami.bindings.region.RegionFiles.i64;
import static io.hami.bindings.region.RegionFiles.u64;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes immutable {@link RegionSnapshot}s of one HAMi-core region file.
 *
 * <p><b>Access path.</b> The file is never mapped. Each snapshot is a handful of positional reads
 * ({@code pread}) into fresh heap arrays: the header up to the slot table, the tail from {@code proc_num}, and
 * {@code procs[0..proc_num)} (three times for 1.2, see the seqlock below). The container owns the file and may
 * truncate it at any moment; with reads, a truncation can only make a read come back short, which is reported
 * as {@link InvalidRegionException.Reason#TRUNCATED}. A mapping of the same file would turn that truncation
 * into SIGBUS: a caught {@code InternalError} for most accesses, but a dead JVM for a compare-and-set in the
 * interpreter. Reading only the live slots keeps a snapshot of a typical file (a few processes) to a few
 * tens of kilobytes, so copying is cheaper than any mapping bookkeeping.
 *
 * <p><b>Consistency.</b> Fields read together may come from different moments, as with any reader of this
 * file: {@code proc_num} may change during a snapshot, compaction may move a slot, and the kernel's copy
 * promises no atomicity per field (in practice it moves aligned words whole). For 1.2 files each slot's
 * {@code used[]} follows the seqlock: retries with a backoff whose pauses one snapshot spends within a fixed
 * budget ({@link SeqlockBackoff}), then the slot is reported {@linkplain ProcessSlot#stale() stale} with the last
 * consistent copy this reader took of it, rather than torn or as zero. Every other field is a single value
 * that the snapshot bounds like any other hostile value.
 *
 * <p>A reader is safe to use from several threads; each snapshot has its own buffers, and the last consistent
 * copies are kept in a concurrent map (one per active slot at most). {@link #close()} is
 * idempotent; a snapshot after close fails with {@link java.nio.channels.ClosedChannelException}.
 */
public final class RegionReader implements AutoCloseable {
    /** Retries of one slot whose seqlock moved, before it is reported stale. */
    public static final int DEFAULT_SEQLOCK_RETRIES = 16;

    /** The most slots of a table whose bytes a reader keeps to answer an unchanged file with the same snapshot. */
    public static final int MAX_KEPT_SLOTS = 64;

    private static final int HEAD_BYTES = Math.toIntExact(Math.max(RegionFormat.V0.offsets().procs(),
            Math.max(RegionFormat.V1_1.offsets().procs(), RegionFormat.V1_2.offsets().procs())));

    private final Path path;
    private final FileChannel channel;
    private final int seqlockRetries;
    private final long backoffBudgetNanos;
    private final SeqlockBackoff.Pause pause;
    private final Map<Integer, SlotTable.Kept> lastConsistent = new ConcurrentHashMap<>();
    private Previous previous; // guarded by this

    /**
     * The bytes the last snapshot was decoded from (its file size, header, tail and slot table), the snapshot, and
     * scratch arrays of the same lengths to read the next one into. Kept only for a settled table of at most
     * {@link #MAX_KEPT_SLOTS} slots, so a reader holds at most twice that table.
     */
    private record Previous(long size, byte[] head, byte[] tail, byte[] table, RegionSnapshot snapshot,
                            byte[] headScratch, byte[] tailScratch, byte[] tableScratch) {
        Previous(long size, byte[] head, byte[] tail, byte[] table, RegionSnapshot snapshot) {
            this(size, head, tail, table, snapshot, new byte[head.length], new byte[tail.length], new byte[table.length]);
        }
    }

    private RegionReader(Path path, FileChannel channel, int seqlockRetries, long backoffBudgetNanos, SeqlockBackoff.Pause pause) {
        this.path = path;
        this.channel = channel;
        this.seqlockRetries = seqlockRetries;
        this.backoffBudgetNanos = backoffBudgetNanos;
        this.pause = pause;
    }

    /** Opens {@code path} for reading; it must be a regular file (a symbolic link is not followed). */
    public static RegionReader open(Path path) throws IOException, InvalidRegionException {
        return open(path, DEFAULT_SEQLOCK_RETRIES);
    }

    /** As {@link #open(Path)}, with {@code seqlockRetries} (at least 1) retries of an unstable slot. */
    public static RegionReader open(Path path, int seqlockRetries) throws IOException, InvalidRegionException {
        return open(path, seqlockRetries, SeqlockBackoff.DEFAULT_BUDGET_NANOS, LockSupport::parkNanos);
    }

    /** As {@link #open(Path, int)}, with the pause budget of one snapshot and the pause itself (tests replace it). */
    static RegionReader open(Path path, int seqlockRetries, long backoffBudgetNanos, SeqlockBackoff.Pause pause)
            throws IOException, InvalidRegionException {
        if (seqlockRetries < 1) {
            throw new IllegalArgumentException("seqlockRetries must be at least 1: " + seqlockRetries);
        }
        return over(path, RegionFiles.open(path, List.of(StandardOpenOption.READ)), seqlockRetries, backoffBudgetNanos,
                pause);
    }

    /**
     * A reader of {@code channel}, already open on {@code path}, as {@link #open(Path, int, long, SeqlockBackoff.Pause)}
     * opens one ({@code seqlockRetries} at least 1); the fuzz target reads an in-memory file through it.
     */
    static RegionReader over(Path path, FileChannel channel, int seqlockRetries, long backoffBudgetNanos,
                             SeqlockBackoff.Pause pause) {
        return new RegionReader(path, channel, seqlockRetries, backoffBudgetNanos, pause);
    }

    /** One snapshot of {@code path}: open, read, close. */
    public static RegionSnapshot read(Path path) throws IOException, InvalidRegionException {
        try (var reader = open(path)) {
            return reader.snapshot();
        }
    }

    /** The file this reader reads. */
    public Path path() {
        return path;
    }

    /**
     * Copies the region as it is now. When every byte a snapshot is decoded from (file size, header, slot table
     * and tail) is what the previous snapshot of this reader was decoded from, and that one had no stale slot,
     * the answer is that same snapshot instance: the file is read as always (the slot table three times for 1.2,
     * each copy compared with the kept one), only the decoding is skipped. Callers may therefore keep what they
     * derived from a snapshot while {@code snapshot()} returns the same instance ({@code ==}).
     *
     * @throws InvalidRegionException when the file is not a region of a known layout, or shrank while read
     * @throws IOException            when reading fails, or the reader is closed
     */
    public RegionSnapshot snapshot() throws IOException, InvalidRegionException {
        long size = channel.size();
        synchronized (this) {
            var p = previous;
            if (p != null && p.size() == size && unchanged(p)) {
                return p.snapshot();
            }
        }
        if (size < RegionDetection.HEADER_BYTES) {
            RegionDetection.detect(size, 0, 0, 0);
        }
        var headBytes = RegionFiles.read(channel, 0, (int) Math.min(size, HEAD_BYTES), null);
        var head = MemorySegment.ofArray(headBytes);
        int magic = i32(head, 0);
        int major = i32(head, 4);
        int minor = i32(head, 8);
        var header = RegionDetection.detect(size, magic, major, minor);
        var format = header.format();
        var o = format.offsets();
        var tailBytes = RegionFiles.read(channel, o.procNum(), Math.toIntExact(o.regionSize() - o.procNum()), format);
        var tail = MemorySegment.ofArray(tailBytes);
        int procNum = Math.clamp(i32(tail, 0), 0, RegionLayoutParts.SLOTS);
        var backoff = new SeqlockBackoff(seqlockRetries, backoffBudgetNanos, pause);
        var table = new SlotTable(channel, format, backoff, lastConsistent).read(procNum);
        var slots = table.slots();
        long lastKernelTime = o.lastKernelTime() < 0 ? -1 : u64(tail, o.lastKernelTime() - o.procNum());
        var snapshot = new RegionSnapshot(header,
                size,
                deviceCount(i64(head, o.deviceNum())),
                devices(head, o),
                procNum,
                slots,
                i32(tail, o.utilizationSwitch() - o.procNum()),
                i32(tail, o.recentKernel() - o.procNum()),
                i32(tail, o.priority() - o.procNum()),
                lastKernelTime < 0 ? OptionalLong.empty() : OptionalLong.of(lastKernelTime));
        synchronized (this) {
            previous = table.settled() && procNum <= MAX_KEPT_SLOTS
                    ? new Previous(size, headBytes, tailBytes, table.copy(), snapshot) : null;
        }
        return snapshot;
    }

    /** Whether the file still holds the bytes {@code p} was decoded from; reads into {@code p}'s scratch arrays. */
    private boolean unchanged(Previous p) throws IOException, InvalidRegionException {
        var format = p.snapshot().format();
        RegionFiles.readInto(channel, 0, p.headScratch(), null);
        if (!Arrays.equals(p.headScratch(), p.head())) {
            return false;
        }
        RegionFiles.readInto(channel, format.offsets().procNum(), p.tailScratch(), format);
        return Arrays.equals(p.tailScratch(), p.tail())
                && SlotTable.unchanged(channel, format, p.table(), p.tableScratch());
    }

    /** Closes the file; closing again does nothing. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** {@code device_num} as unsigned, clamped to 16 as HAMi does (a negative int64 is a huge uint64). */
    static int deviceCount(long raw) {
        return Long.compareUnsigned(raw, RegionLayoutParts.DEVICES) > 0 ? RegionLayoutParts.DEVICES : (int) raw;
    }

    private static List<RegionDevice> devices(MemorySegment head, RegionOffsets o) {
        var devices = new ArrayList<RegionDevice>(RegionLayoutParts.DEVICES);
        for (int i = 0; i < RegionLayoutParts.DEVICES; i++) {
            devices.add(new RegionDevice(i,
                    RegionStrings.bounded(head, o.uuids() + i * o.uuidLength(), (int) o.uuidLength()),
                    u64(head, o.limit() + (long) i * Long.BYTES),
                    u64(head, o.smLimit() + (long) i * Long.BYTES)));
        }
        return devices;
    }
}
