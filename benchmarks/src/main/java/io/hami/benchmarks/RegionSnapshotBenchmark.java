package io.hami.benchmarks;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.bindings.region.RegionReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * opening each file anew. The goal is at most 20 ms per pass on 2 cores. The files do not change between calls, so
 * a reader kept open reads and compares each one and answers with its previous snapshot (docs/regions.md, "A file
 * that did not change"), while a reader opened anew decodes every file.
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

    private Path dir;
    private final List<Path> files = new ArrayList<>();
    private final List<RegionReader> readers = new ArrayList<>();

    @Setup(Level.Trial)
    public void writeRegions() throws IOException, InvalidRegionException {
        dir = Files.createTempDirectory("hami-regions");
        for (int f = 0; f < FILES; f++) {
            var file = dir.resolve(f + ".cache");
            BenchmarkRegions.write(file, f);
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

}
