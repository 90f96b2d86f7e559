package io.hami.bindings.region;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only {@link FileChannel} over the first {@code size} bytes of an array, for the region fuzz target: the
 * reader's positional reads see exactly what a file of those bytes would give them (a read at or past the end
 * answers -1), without a file written and opened per execution. Only what a reader calls is implemented. It counts
 * the reads it answered, so that tests can tell how many calls a snapshot costs.
 */
final class InMemoryFileChannel extends FileChannel {
    private final byte[] bytes;
    private final int size;
    private long position;
    private int reads;

    InMemoryFileChannel(byte[] bytes, int size) {
        if (size < 0 || size > bytes.length) {
            throw new IllegalArgumentException("size " + size + " outside 0.." + bytes.length);
        }
        this.bytes = bytes;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("negative position " + at);
        }
        reads++;
        if (at >= size) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), size - at);
        dst.put(bytes, (int) at, n);
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        position += Math.max(n, 0);
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    /** The reads answered so far. */
    int reads() {
        return reads;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // nothing to flush
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException("not used by the region reader");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long length) {
        throw new UnsupportedOperationException("the region reader never maps");
    }

    @Override
    public FileLock lock(long at, long length, boolean shared) {
        throw new UnsupportedOperationException("not used by the region reader");
    }

    @Override
    public FileLock tryLock(long at, long length, boolean shared) {
        throw new UnsupportedOperationException("not used by the region reader");
    }

    @Override
    protected void implCloseChannel() {
        // nothing to release
    }
}
