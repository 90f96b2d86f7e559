package io.hami.bindings.region;

import io.hami.bindings.region.InvalidRegionException.Reason;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;

/**
 * Positional file access shared by the reader and the writer: {@code pread} into heap arrays and
 * {@code pwrite} from them. Nothing here maps the file, so a file that shrinks can only cut a read short
 * (reported as {@link Reason#TRUNCATED}); it can never fault.
 */
final class RegionFiles {
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RegionFiles() {
    }

    /**
     * Opens a regular file without following a symbolic link: the file lives in a directory a container can
     * write, so it may have been replaced by a link to a host file, a directory or a device.
     */
    static FileChannel open(Path path, List<? extends OpenOption> options) throws IOException, InvalidRegionException {
        var attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new InvalidRegionException(Reason.NOT_A_FILE, "not a HAMi-core region: not a regular file");
        }
        var all = new HashSet<OpenOption>(options);
        all.add(LinkOption.NOFOLLOW_LINKS);
        return FileChannel.open(path, all);
    }

    /** Reads exactly {@code length} bytes at {@code position}; {@code layout} names what the file was read as. */
    static byte[] read(FileChannel channel, long position, int length, RegionFormat layout)
            throws IOException, InvalidRegionException {
        var bytes = new byte[length];
        readInto(channel, position, bytes, 0, length, layout);
        return bytes;
    }

    /** As {@link #read}, into {@code bytes} from index {@code offset} instead of a fresh array. */
    static void readInto(FileChannel channel, long position, byte[] bytes, int offset, int length, RegionFormat layout)
            throws IOException, InvalidRegionException {
        readInto(channel, position, ByteBuffer.wrap(bytes, offset, length), layout);
    }

    /** As {@link #read}, the bytes {@code buffer} has room for (from its position to its limit), into it. */
    static void readInto(FileChannel channel, long position, ByteBuffer buffer, RegionFormat layout)
            throws IOException, InvalidRegionException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            long at = position + (buffer.position() - start);
            int n = channel.read(buffer, at);
            if (n <= 0) {
                throw truncated(at, layout);
            }
        }
    }

    /**
     * Writes one little-endian int at {@code position}, all four bytes or an exception, after every earlier
     * memory access of this thread (the kernel's copy runs on this thread, after the fence).
     */
    static void writeInt(FileChannel channel, long position, int value) throws IOException {
        VarHandle.releaseFence();
        var buffer = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value);
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
    }

    static InvalidRegionException truncated(long endsAt, RegionFormat layout) {
        var needs = layout == null ? "" : ", layout " + layout.label() + " needs " + layout.minimumSize();
        return new InvalidRegionException(Reason.TRUNCATED, "truncated while reading: ends at byte " + endsAt + needs);
    }

    static int i32(MemorySegment bytes, long offset) {
        return bytes.get(I32, offset);
    }

    static long i64(MemorySegment bytes, long offset) {
        return bytes.get(I64, offset);
    }

    /** An unsigned 64-bit field, saturated at {@link Long#MAX_VALUE}. */
    static long u64(MemorySegment bytes, long offset) {
        long v = bytes.get(I64, offset);
        return v < 0 ? Long.MAX_VALUE : v;
    }
}
