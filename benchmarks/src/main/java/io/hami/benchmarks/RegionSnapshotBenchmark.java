package io.hami.benchmarks;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.bindings.region.RegionDetection;
import io.hami.bindings.region.RegionReader;
import io.hami.bindings.region.RegionV12Descriptor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One monitor pass over a node's regions: snapshots of 110 region files (layout 1.2, 4 devices, 8 active
 * processes each, so every slot follows the seqlock), either through readers kept open between passes or
 * opening each file anew. The goal is at most 20 ms per pass on 2 cores.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RegionSnapshotBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegionSnapshotBenchmark {
    private static final int FILES = 110;
    private static final int DEVICES = 4;
    private static final int PROCESSES = 8;

    private Path dir;
    private final List<Path> files = new ArrayList<>();
    private final List<RegionReader> readers = new ArrayList<>();

    @Setup(Level.Trial)
    public void writeRegions() throws IOException, InvalidRegionException {
        dir = Files.createTempDirectory("hami-regions");
        for (int f = 0; f < FILES; f++) {
            var file = dir.resolve(f + ".cache");
            writeRegion(file, f);
            files.add(file);
            readers.add(RegionReader.open(file));
        }
    }

    @TearDown(Level.Trial)
    public void removeRegions() throws IOException {
        for (var reader : readers) {
            reader.close();
        }
        try (var paths = Files.walk(dir)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public long passWithOpenReaders() throws IOException, InvalidRegionException {
        long used = 0;
        for (var reader : readers) {
            used += reader.snapshot().usedBytes(0);
        }
        return used;
    }

    @Benchmark
    public long passOpeningEachFile() throws IOException, InvalidRegionException {
        long used = 0;
        for (var file : files) {
            used += RegionReader.read(file).usedBytes(0);
        }
        return used;
    }

    /** A 1.2 region as libvgpu leaves it with {@value #PROCESSES} processes on {@value #DEVICES} devices. */
    private static void writeRegion(Path file, int n) throws IOException {
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

    private static void setInt(MemorySegment region, int value, PathElement... path) {
        RegionV12Descriptor.REGION.varHandle(path).set(region, 0L, value);
    }

    private static void setLong(MemorySegment region, long value, PathElement... path) {
        RegionV12Descriptor.REGION.varHandle(path).set(region, 0L, value);
    }
}
