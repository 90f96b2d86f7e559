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
 * ({@code pread}) into heap arrays the calling thread reuses: the header up to the slot table, the tail from
 * {@code proc_num}, and {@code procs[0..proc_num)} (three times for 1.2, see the seqlock below). A file whose
 * bytes did not change since the reader's last snapshot is answered with that snapshot ({@link #snapshot()}). The container owns the file and may
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
 * <p>A reader is safe to use from several threads; one snapshot is taken at a time, into the calling thread's
 * buffers, and the last consistent copies are kept in a concurrent map (one per active slot at most). {@link #close()} is
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
    private Kept kept; // guarded by this

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
     * Copies the region as it is now. The bytes are read into scratch arrays of the calling thread; when every one
     * of them (file size, header, tail, and each copy of the slot table) equals what this reader's last snapshot
     * was decoded from, and that snapshot's slots were all consistent in their first copies, the answer is that same
     * snapshot instance and nothing is decoded or allocated. Callers may therefore keep what they derived from a
     * snapshot while {@code snapshot()} returns the same instance ({@code ==}). A table of more than
     * {@link #MAX_KEPT_SLOTS} slots is read into fresh arrays and never kept.
     *
     * @throws InvalidRegionException when the file is not a region of a known layout, or shrank while read
     * @throws IOException            when reading fails, or the reader is closed
     */
    public synchronized RegionSnapshot snapshot() throws IOException, InvalidRegionException {
        long size = channel.size();
        if (size < RegionDetection.HEADER_BYTES) {
            RegionDetection.detect(size, 0, 0, 0);
        }
        var scratch = SCRATCH.get();
        int headLength = (int) Math.min(size, HEAD_BYTES);
        RegionFiles.readInto(channel, 0, scratch.head, headLength, null);
        var head = MemorySegment.ofArray(scratch.head).asSlice(0, headLength);
        int magic = i32(head, 0);
        int major = i32(head, 4);
        int minor = i32(head, 8);
        var header = RegionDetection.detect(size, magic, major, minor);
        var format = header.format();
        var o = format.offsets();
        int tailLength = Math.toIntExact(o.regionSize() - o.procNum());
        scratch.tail = Scratch.fit(scratch.tail, tailLength);
        RegionFiles.readInto(channel, o.procNum(), scratch.tail, tailLength, format);
        var tail = MemorySegment.ofArray(scratch.tail).asSlice(0, tailLength);
        int procNum = Math.clamp(i32(tail, 0), 0, RegionLayoutParts.SLOTS);
        var slotTable = new SlotTable(channel, format, new SeqlockBackoff(seqlockRetries, backoffBudgetNanos, pause),
                lastConsistent);
        int tableLength = SlotTable.length(format, procNum);
        SlotTable.Table table;
        if (procNum > MAX_KEPT_SLOTS) {
            kept = null;
            table = slotTable.read(procNum);
        } else {
            scratch.fitTable(tableLength);
            SlotTable.copy(channel, format, scratch.before, scratch.data, scratch.after, tableLength);
            if (kept != null && kept.holds(size, format, scratch, headLength, tailLength, tableLength)) {
                return kept.snapshot;
            }
            table = slotTable.decode(scratch.before, scratch.data, scratch.after, procNum);
        }
        long lastKernelTime = o.lastKernelTime() < 0 ? -1 : u64(tail, o.lastKernelTime() - o.procNum());
        var snapshot = new RegionSnapshot(header,
                size,
                deviceCount(i64(head, o.deviceNum())),
                devices(head, o),
                procNum,
                table.slots(),
                i32(tail, o.utilizationSwitch() - o.procNum()),
                i32(tail, o.recentKernel() - o.procNum()),
                i32(tail, o.priority() - o.procNum()),
                lastKernelTime < 0 ? OptionalLong.empty() : OptionalLong.of(lastKernelTime));
        if (procNum <= MAX_KEPT_SLOTS && table.settled()) {
            kept = Kept.of(kept, size, scratch, headLength, tailLength, tableLength, snapshot);
        } else {
            kept = null;
        }
        return snapshot;
    }

    /** Closes the file; closing again does nothing. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * The bytes of one snapshot being read, per thread, so that a read allocates nothing: the header, the tail and the
     * three copies of a slot table of at most {@link #MAX_KEPT_SLOTS} slots (about 375 KB at most, typically a few
     * tens of kilobytes).
     */
    private static final class Scratch {
        final byte[] head = new byte[HEAD_BYTES];
        byte[] tail = new byte[0];
        byte[] before = new byte[0];
        byte[] data = new byte[0];
        byte[] after = new byte[0];

        static byte[] fit(byte[] array, int length) {
            return array.length >= length ? array : new byte[length];
        }

        void fitTable(int length) {
            before = fit(before, length);
            data = fit(data, length);
            after = fit(after, length);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * The bytes the reader's last snapshot was decoded from (the header, the tail and the middle copy of the slot
     * table, with the file size) and that snapshot; the arrays are reused from one snapshot to the next.
     */
    private static final class Kept {
        long size;
        byte[] head = new byte[0];
        byte[] tail = new byte[0];
        byte[] table = new byte[0];
        int headLength;
        int tailLength;
        int tableLength;
        RegionSnapshot snapshot;

        static Kept of(Kept reuse, long size, Scratch scratch, int headLength, int tailLength, int tableLength,
                       RegionSnapshot snapshot) {
            var k = reuse != null ? reuse : new Kept();
            k.size = size;
            k.head = copy(scratch.head, k.head, headLength);
            k.tail = copy(scratch.tail, k.tail, tailLength);
            k.table = copy(scratch.data, k.table, tableLength);
            k.headLength = headLength;
            k.tailLength = tailLength;
            k.tableLength = tableLength;
            k.snapshot = snapshot;
            return k;
        }

        private static byte[] copy(byte[] from, byte[] into, int length) {
            var to = into.length >= length ? into : new byte[length];
            System.arraycopy(from, 0, to, 0, length);
            return to;
        }

        /**
         * Whether the scratch holds exactly the kept bytes: then nothing the snapshot shows can differ and, for 1.2,
         * the seqlocks were the same even values before and after the middle copy, as when it was kept.
         */
        boolean holds(long size, RegionFormat format, Scratch scratch, int headLength, int tailLength, int tableLength) {
            return size == this.size && format == snapshot.format() && headLength == this.headLength
                    && tailLength == this.tailLength && tableLength == this.tableLength
                    && Arrays.equals(scratch.head, 0, headLength, head, 0, headLength)
                    && Arrays.equals(scratch.tail, 0, tailLength, tail, 0, tailLength)
                    && Arrays.equals(scratch.data, 0, tableLength, table, 0, tableLength)
                    && (!format.hasSeqlock() || Arrays.equals(scratch.before, 0, tableLength, table, 0, tableLength)
                    && Arrays.equals(scratch.after, 0, tableLength, table, 0, tableLength));
        }
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
