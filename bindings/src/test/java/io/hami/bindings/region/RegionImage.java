package io.hami.bindings.region;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A region built in Java for tests, field by field through the descriptors' layout paths (an access path
 * independent of the reader's derived offsets), initialized as libvgpu's first process leaves it.
 */
final class RegionImage implements AutoCloseable {
    private final RegionFormat format;
    private final StructLayout region;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment bytes;

    private RegionImage(RegionFormat format) {
        this.format = format;
        this.region = switch (format) {
            case V0 -> RegionV0Descriptor.REGION;
            case V1_1 -> RegionV11Descriptor.REGION;
            case V1_2 -> RegionV12Descriptor.REGION;
        };
        this.bytes = arena.allocate(region);
    }

    /** An initialized region: magic, version, switch 1, recent kernel 2, priority 1. */
    static RegionImage initialized(RegionFormat format) {
        var image = new RegionImage(format);
        image.setInt(RegionDetection.MAGIC, groupElement("initialized_flag"));
        if (format != RegionFormat.V0) {
            image.setInt(1, groupElement("major_version"));
            image.setInt(format == RegionFormat.V1_1 ? 1 : 2, groupElement("minor_version"));
        }
        return image.utilizationSwitch(1).recentKernel(2).priority(1);
    }

    RegionImage setInt(int value, PathElement... path) {
        region.varHandle(path).set(bytes, 0L, value);
        return this;
    }

    RegionImage setLong(long value, PathElement... path) {
        region.varHandle(path).set(bytes, 0L, value);
        return this;
    }

    RegionImage deviceNum(long n) {
        return setLong(n, groupElement(format == RegionFormat.V0 ? "num" : "device_num"));
    }

    RegionImage uuid(int device, byte[] text) {
        long at = region.byteOffset(groupElement("uuids"), sequenceElement(device));
        MemorySegment.copy(text, 0, bytes, ValueLayout.JAVA_BYTE, at, Math.min(text.length, 96));
        return this;
    }

    RegionImage uuid(int device, String text) {
        return uuid(device, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    RegionImage limit(int device, long bytes) {
        return setLong(bytes, groupElement("limit"), sequenceElement(device));
    }

    RegionImage smLimit(int device, long percent) {
        return setLong(percent, groupElement("sm_limit"), sequenceElement(device));
    }

    RegionImage procNum(int n) {
        return setInt(n, groupElement("proc_num"));
    }

    RegionImage utilizationSwitch(int v) {
        return setInt(v, groupElement("utilization_switch"));
    }

    RegionImage recentKernel(int v) {
        return setInt(v, groupElement("recent_kernel"));
    }

    RegionImage priority(int v) {
        return setInt(v, groupElement("priority"));
    }

    RegionImage lastKernelTime(long seconds) {
        return setLong(seconds, groupElement("last_kernel_time"));
    }

    RegionImage slot(int s, int pid, int hostpid, int status) {
        setInt(pid, groupElement("procs"), sequenceElement(s), groupElement("pid"));
        setInt(hostpid, groupElement("procs"), sequenceElement(s), groupElement("hostpid"));
        return setInt(status, groupElement("procs"), sequenceElement(s), groupElement("status"));
    }

    RegionImage used(int s, int device, long context, long module, long data, long total) {
        usedField(s, device, "context_size", context);
        usedField(s, device, "module_size", module);
        usedField(s, device, "data_size", data);
        return usedField(s, device, "total", total);
    }

    RegionImage usedField(int s, int device, String field, long value) {
        return setLong(value, groupElement("procs"), sequenceElement(s), groupElement("used"), sequenceElement(device),
                groupElement(field));
    }

    RegionImage monitorUsed(int s, int device, long value) {
        return setLong(value, groupElement("procs"), sequenceElement(s), groupElement("monitorused"), sequenceElement(device));
    }

    RegionImage smUtil(int s, int device, long value) {
        return setLong(value, groupElement("procs"), sequenceElement(s), groupElement("device_util"), sequenceElement(device),
                groupElement("sm_util"));
    }

    RegionImage seqlock(int s, long value) {
        return setLong(value, groupElement("procs"), sequenceElement(s), groupElement("seqlock"));
    }

    /** The file's bytes as libvgpu sizes it: the region plus one byte. */
    byte[] toBytes() {
        return java.util.Arrays.copyOf(bytes.toArray(ValueLayout.JAVA_BYTE), Math.toIntExact(region.byteSize() + 1));
    }

    /** Writes the file as libvgpu sizes it: the region plus one byte. */
    Path write(Path file) {
        return write(file, region.byteSize() + 1);
    }

    /** Writes the first {@code size} bytes (zeros past the region). */
    Path write(Path file, long size) {
        try (var ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            var buffer = bytes.asSlice(0, Math.min(size, region.byteSize())).asByteBuffer();
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            if (size > region.byteSize()) {
                ch.truncate(size);
                ch.write(java.nio.ByteBuffer.allocate(1), size - 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        arena.close();
    }
}
