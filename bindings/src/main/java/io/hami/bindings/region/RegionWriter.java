package io.hami.bindings.region;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes the only two fields of a HAMi-core region the node side may write: {@code utilization_switch} and
 * {@code recent_kernel}. Nothing else is ever written (not the seqlock, {@code used}, {@code proc_num},
 * {@code owner_pid} nor the semaphores), no lock is taken, and the file is never created.
 *
 * <p><b>Access path.</b> Each put checks the file (size and header, with the {@linkplain RegionDetection
 * detection rule}) and then writes the four little-endian bytes with one positional write ({@code pwrite}),
 * which lands in the same page-cache page that libvgpu has mapped, so the container sees it at once. No
 * mapping means no SIGBUS when the container truncates the file, and no compare-and-set (which an interpreted
 * JVM cannot survive on a truncated mapping). Two consequences, both harmless here:
 * <ul>
 *   <li>The kernel may copy the four bytes one at a time, so a concurrent reader can see a mix of old and new
 *       bytes. Whether {@code recent_kernel} is negative (the only thing libvgpu tests) depends on its top byte
 *       alone, so its sign changes once, as with an atomic store; {@code utilization_switch} moves between 0
 *       and 1, which differ in one byte. A value torn by a racing libvgpu store is wrong in magnitude only, and
 *       the monitor's feedback loop rewrites both fields every pass.</li>
 *   <li>A truncation between the check and the write makes the write extend the file again (zeros up to the
 *       field). libvgpu re-initializes such a file on its next start, as it does any file without the magic.</li>
 * </ul>
 *
 * <p>{@link #close()} is idempotent; a put after close fails with {@link java.nio.channels.ClosedChannelException}.
 */
public final class RegionWriter implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;

    private RegionWriter(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens an existing region file for reading and writing; it must be a regular file, links are not followed. */
    public static RegionWriter open(Path path) throws IOException, InvalidRegionException {
        return new RegionWriter(path, RegionFiles.open(path, List.of(StandardOpenOption.READ, StandardOpenOption.WRITE)));
    }

    /** The file this writer writes. */
    public Path path() {
        return path;
    }

    /**
     * Stores {@code utilization_switch}: 1 = libvgpu enforces the core limit, 0 = it lets the container burst.
     * The store is ordered after every earlier memory access of this thread (release).
     *
     * @return the layout the file was written as, with the version its header states
     * @throws IllegalArgumentException when {@code value} is neither 0 nor 1
     * @throws InvalidRegionException   when the file is not (or no longer) a region of a known layout
     */
    public RegionHeader putUtilizationSwitchRelease(int value) throws IOException, InvalidRegionException {
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("utilization_switch must be 0 or 1: " + value);
        }
        var header = check();
        RegionFiles.writeInt(channel, header.format().offsets().utilizationSwitch(), value);
        return header;
    }

    /**
     * Stores {@code recent_kernel}: 2 marks a recent launch (libvgpu writes it), the monitor counts it down,
     * −1 blocks the container's kernel launches and 0 releases them. Release ordering as above.
     *
     * @return the layout the file was written as, with the version its header states
     * @throws InvalidRegionException when the file is not (or no longer) a region of a known layout
     */
    public RegionHeader putRecentKernelRelease(int value) throws IOException, InvalidRegionException {
        var header = check();
        RegionFiles.writeInt(channel, header.format().offsets().recentKernel(), value);
        return header;
    }

    /** Closes the file; closing again does nothing. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    private RegionHeader check() throws IOException, InvalidRegionException {
        long size = channel.size();
        if (size < RegionDetection.HEADER_BYTES) {
            return RegionDetection.detect(size, 0, 0, 0);
        }
        var head = MemorySegment.ofArray(RegionFiles.read(channel, 0, RegionDetection.HEADER_BYTES, null));
        return RegionDetection.detect(size, RegionFiles.i32(head, 0), RegionFiles.i32(head, 4), RegionFiles.i32(head, 8));
    }
}
