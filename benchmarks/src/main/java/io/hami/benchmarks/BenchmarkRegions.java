package io.hami.benchmarks;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;

import io.hami.bindings.region.RegionDetection;
import io.hami.bindings.region.RegionV12Descriptor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Region files as libvgpu leaves them, for the benchmarks: layout 1.2, every process active, every slot under its seqlock. */
final class BenchmarkRegions {
    static final int DEVICES = 4;
    static final int PROCESSES = 8;

    private BenchmarkRegions() {
    }

    /** A 1.2 region with {@value #PROCESSES} processes on {@value #DEVICES} devices; {@code n} makes its uuids unique. */
    static void write(Path file, int n) throws IOException {
        var layout = RegionV12Descriptor.REGION;
        try (var arena = Arena.ofConfined()) {
            var region = arena.allocate(layout);
            setInt(region, RegionDetection.MAGIC, groupElement("initialized_flag"));
            setInt(region, 1, groupElement("major_version"));
            setInt(region, 2, groupElement("minor_version"));
            setLong(region, DEVICES, groupElement("device_num"));
            for (int d = 0; d < DEVICES; d++) {
                var uuid = String.format("GPU-%08x-0000-4000-8000-%012x", n, d).getBytes(StandardCharsets.US_ASCII);
                MemorySegment.copy(uuid, 0, region, ValueLayout.JAVA_BYTE,
                        layout.byteOffset(groupElement("uuids"), sequenceElement(d)), uuid.length);
                setLong(region, 4L << 30, groupElement("limit"), sequenceElement(d));
                setLong(region, 25, groupElement("sm_limit"), sequenceElement(d));
            }
            setInt(region, PROCESSES, groupElement("proc_num"));
            setInt(region, 1, groupElement("utilization_switch"));
            setInt(region, 2, groupElement("recent_kernel"));
            setInt(region, 1, groupElement("priority"));
            setLong(region, 1_767_225_600L, groupElement("last_kernel_time"));
            for (int s = 0; s < PROCESSES; s++) {
                setInt(region, 1000 + s, groupElement("procs"), sequenceElement(s), groupElement("pid"));
                setInt(region, 40000 + s, groupElement("procs"), sequenceElement(s), groupElement("hostpid"));
                setInt(region, 1, groupElement("procs"), sequenceElement(s), groupElement("status"));
                setLong(region, 2L * (s + 1), groupElement("procs"), sequenceElement(s), groupElement("seqlock"));
                for (int d = 0; d < DEVICES; d++) {
                    long bytes = (long) (s + 1) << 24;
                    setLong(region, bytes, groupElement("procs"), sequenceElement(s), groupElement("used"),
                            sequenceElement(d), groupElement("data_size"));
                    setLong(region, bytes, groupElement("procs"), sequenceElement(s), groupElement("used"),
                            sequenceElement(d), groupElement("total"));
                    setLong(region, 10 + s, groupElement("procs"), sequenceElement(s), groupElement("device_util"),
                            sequenceElement(d), groupElement("sm_util"));
                }
            }
            try (var ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                var buffer = region.asByteBuffer();
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.write(ByteBuffer.allocate(1));
            }
        }
    }

    /** Where slot {@code s}'s {@code sm_util} of device {@code d} sits: libvgpu writes it outside the seqlock. */
    static long smUtilOffset(int s, int d) {
        return RegionV12Descriptor.REGION.byteOffset(groupElement("procs"), sequenceElement(s), groupElement("device_util"),
                sequenceElement(d), groupElement("sm_util"));
    }

    private static void setInt(MemorySegment region, int value, PathElement... path) {
        RegionV12Descriptor.REGION.varHandle(path).set(region, 0L, value);
    }

    private static void setLong(MemorySegment region, long value, PathElement... path) {
        RegionV12Descriptor.REGION.varHandle(path).set(region, 0L, value);
    }
}
