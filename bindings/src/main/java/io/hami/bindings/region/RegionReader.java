package io.hami.bindings.region;

import static io.hami.bindings.region.RegionFiles.i32;
import static io.hami.bindings.region.RegionFiles.i64;
import static io.hami.bindings.region.RegionFiles.u64;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
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
     * of them (file size, header, tail, and the first copy of the slot table) equals what this reader's last
     * snapshot was decoded from, and that snapshot's slots were all consistent in their first copies, the answer is
     * that same snapshot instance and nothing is decoded or allocated. Callers may therefore keep what they derived
     * from a snapshot while {@code snapshot()} returns the same instance ({@code ==}). A table of more than
     * {@link #MAX_KEPT_SLOTS} slots is read into fresh arrays and never kept.
     *
     * <p>The header and the first copy of the table are read in one call when the table has as many slots as the
     * last snapshot's (they are adjacent in the file), so an unchanged region costs the file size and two reads. A
     * 1.2 table whose first copy differs is read twice more (its data, then its seqlocks again), the first copy
     * serving as the seqlocks before, as {@link SlotTable} reads it.
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
        int firstLength = (int) Math.min(size, kept == null ? HEAD_BYTES : Math.max(HEAD_BYTES, kept.firstLength));
        scratch.first.fit(firstLength);
        scratch.first.read(channel, 0, 0, firstLength, null);
        var head = scratch.first.segment;
        int magic = i32(head, 0);
        int major = i32(head, 4);
        int minor = i32(head, 8);
        var header = RegionDetection.detect(size, magic, major, minor);
        var format = header.format();
        var o = format.offsets();
        int tailLength = Math.toIntExact(o.regionSize() - o.procNum());
        scratch.tail.fit(tailLength);
        scratch.tail.read(channel, o.procNum(), 0, tailLength, format);
        var tail = scratch.tail.segment;
        int procNum = Math.clamp(i32(tail, 0), 0, RegionLayoutParts.SLOTS);
        int procs = Math.toIntExact(o.procs());
        int tableLength = SlotTable.length(format, procNum);
        int length = procs + tableLength;
        SlotTable.Table table;
        if (procNum > MAX_KEPT_SLOTS) {
            table = slotTable(format).read(procNum);
        } else {
            if (firstLength < length) { // the table was not read with the header: a first snapshot, or more slots
                scratch.first.grow(length);
                scratch.first.read(channel, procs, procs, tableLength, format);
                head = scratch.first.segment;
            }
            if (kept != null && kept.holds(size, format, scratch, length, tailLength)) {
                return kept.snapshot;
            }
            var first = scratch.first.segment.asSlice(procs, tableLength);
            if (format.hasSeqlock()) {
                scratch.data.fit(tableLength);
                scratch.after.fit(tableLength);
                VarHandle.loadLoadFence();
                scratch.data.read(channel, procs, 0, tableLength, format);
                VarHandle.loadLoadFence();
                scratch.after.read(channel, procs, 0, tableLength, format);
                table = slotTable(format).decode(first, scratch.data.segment, scratch.after.segment, procNum);
            } else {
                table = slotTable(format).decode(first, first, first, procNum);
            }
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
            kept = Kept.of(kept, size, scratch, length, tailLength, snapshot);
        } else {
            kept = null;
        }
        return snapshot;
    }

    private SlotTable slotTable(RegionFormat format) {
        return new SlotTable(channel, format, new SeqlockBackoff(seqlockRetries, backoffBudgetNanos, pause), lastConsistent);
    }

    /** Closes the file; closing again does nothing. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * The bytes of one snapshot being read, per thread, so that a read allocates nothing: the header with the first
     * copy of a slot table of at most {@link #MAX_KEPT_SLOTS} slots after it (where the file has it), the tail, and
     * for 1.2 the table's two later copies (about 375 KB at most, typically a few tens of kilobytes).
     */
    private static final class Scratch {
        final Bytes first = new Bytes(HEAD_BYTES);
        final Bytes tail = new Bytes(0);
        final Bytes data = new Bytes(0);
        final Bytes after = new Bytes(0);
    }

    /** An array that grows as needed, with the buffer the file is read through and the segment it is decoded from. */
    private static final class Bytes {
        byte[] array;
        ByteBuffer buffer;
        MemorySegment segment;

        Bytes(int length) {
            view(new byte[length]);
        }

        /** Makes room for {@code length} bytes; what the array held may be lost. */
        void fit(int length) {
            if (array.length < length) {
                view(new byte[length]);
            }
        }

        /** Makes room for {@code length} bytes, keeping what the array holds. */
        void grow(int length) {
            if (array.length < length) {
                view(Arrays.copyOf(array, length));
            }
        }

        /** Reads {@code length} bytes at {@code position} of the file into the array from {@code offset}. */
        void read(FileChannel channel, long position, int offset, int length, RegionFormat layout)
                throws IOException, InvalidRegionException {
            buffer.clear().position(offset).limit(offset + length);
            RegionFiles.readInto(channel, position, buffer, layout);
        }

        private void view(byte[] bytes) {
            array = bytes;
            buffer = ByteBuffer.wrap(bytes);
            segment = MemorySegment.ofArray(bytes);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * The bytes the reader's last snapshot was decoded from (the header with the first copy of the slot table, the
     * tail, and the file size) and that snapshot; the arrays are reused from one snapshot to the next.
     */
    private static final class Kept {
        long size;
        byte[] first = new byte[0];
        byte[] tail = new byte[0];
        int firstLength;
        int tailLength;
        RegionSnapshot snapshot;

        static Kept of(Kept reuse, long size, Scratch scratch, int firstLength, int tailLength, RegionSnapshot snapshot) {
            var k = reuse != null ? reuse : new Kept();
            k.size = size;
            k.first = copy(scratch.first.array, k.first, firstLength);
            k.tail = copy(scratch.tail.array, k.tail, tailLength);
            k.firstLength = firstLength;
            k.tailLength = tailLength;
            k.snapshot = snapshot;
            return k;
        }

        private static byte[] copy(byte[] from, byte[] into, int length) {
            var to = into.length >= length ? into : new byte[length];
            System.arraycopy(from, 0, to, 0, length);
            return to;
        }

        /**
         * Whether the scratch holds exactly the kept bytes: then nothing the snapshot shows can differ, and for 1.2
         * every slot read, its seqlock's even value included, is byte for byte the copy its seqlock vouched for when
         * it was kept, so one copy is enough (docs/regions.md, "A file that did not change").
         */
        boolean holds(long size, RegionFormat format, Scratch scratch, int firstLength, int tailLength) {
            return size == this.size && format == snapshot.format() && firstLength == this.firstLength
                    && tailLength == this.tailLength
                    && Arrays.equals(scratch.tail.array, 0, tailLength, tail, 0, tailLength)
                    && Arrays.equals(scratch.first.array, 0, firstLength, first, 0, firstLength);
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
