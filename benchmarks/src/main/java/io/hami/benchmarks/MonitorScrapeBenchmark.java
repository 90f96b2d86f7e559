package io.hami.benchmarks;

import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.region.InvalidRegionException;
import io.hami.monitor.Monitor;
import io.hami.monitor.config.MonitorConfig;
import io.hami.monitor.metrics.BuildInfo;
import io.hami.monitor.metrics.HostGpus;
import io.hami.monitor.pods.PodSource;
import io.hami.monitor.pods.PodView;
import io.hami.testfixtures.nvml.FakeNvml;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * One {@code /metrics} scrape of a full node: 110 containers with a region each (layout 1.2, 4 devices, 8 active
 * processes, every slot read under its seqlock), their pods with allocation annotations, 8 host GPUs from the
 * NVML fake; the scrape is written as Prometheus text, as the HTTP handler does for a plain scrape ({@link #scrape}),
 * and, for comparison, through Prometheus's snapshots and text writer ({@link #scrapeThroughSnapshots}, what
 * OpenMetrics and filtered scrapes still take). The baseline is {@link #readRegions}: the snapshots of the 110
 * regions alone, which any scrape must read. Sample time gives the p50 and p99 (goal: scrape p99 at most 5 ms on 2
 * cores, docs/performance.md). The discovery and feedback pass is measured apart.
 *
 * <p>The regions do not change between calls, so {@link #scrape} and {@link #readRegions} measure a node at rest:
 * each region is read, found unchanged and answered with its previous snapshot (docs/regions.md, "A file that did
 * not change"). {@link #scrapeAfterEveryRegionMoved} measures the other end: before each call (not timed) one
 * utilization word of every region is rewritten, so every region is decoded and rendered again.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MonitorScrapeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xms8m", "-Xmx48m", "-Xmn4m"})
public class MonitorScrapeBenchmark {
    private static final int CONTAINERS = 110;

    private Path hook;
    private final List<Path> regionFiles = new ArrayList<>();
    private Monitor monitor;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    @Setup(Level.Trial)
    public void node() throws IOException {
        hook = Files.createTempDirectory("hami-monitor-bench");
        var pods = new ArrayList<PodView>();
        for (int c = 0; c < CONTAINERS; c++) {
            var uid = String.format("%08x-0000-4000-8000-%012x", c, c);
            var dir = Files.createDirectories(hook.resolve("containers").resolve(uid + "_cuda"));
            BenchmarkRegions.write(dir.resolve("region.cache"), c);
            regionFiles.add(dir.resolve("region.cache"));
            var allocation = new StringBuilder();
            for (int d = 0; d < BenchmarkRegions.DEVICES; d++) {
                allocation.append(String.format("GPU-%08x-0000-4000-8000-%012x,NVIDIA,4096,25:", c, d));
            }
            pods.add(PodView.ofGpuContainers(uid, "ns-" + (c % 7), "pod-" + c, List.of("cuda"),
                    Optional.of(allocation + ";"), Optional.empty()));
        }
        var config = MonitorConfig.load(Map.of("node-name", "node-1", "hook-path", hook.toString(),
                "mig-apply-lock", hook.resolve("absent.lock").toString()), Map.of(), Optional.empty());
        monitor = new Monitor(config, PodSource.of(pods), new HostGpus(() -> new Nvml(FakeNvml.eightA100(), Path.of("/sys"))),
                InstantSource.system(), BuildInfo.of("bench", "unknown", "unknown"));
        monitor.runPass();
        if (monitor.regions().read(Map::size) != CONTAINERS) {
            throw new IllegalStateException("regions not opened");
        }
    }

    @TearDown(Level.Trial)
    public void removeNode() throws IOException {
        monitor.close();
        try (var paths = Files.walk(hook)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** What {@code GET /metrics} computes and writes for a plain scrape. */
    @Benchmark
    public int scrape() throws IOException {
        out.reset();
        monitor.writeMetricsText(out);
        return out.size();
    }

    /** A plain scrape after one utilization word of every region was rewritten: nothing of the last scrape is reused. */
    @Benchmark
    public int scrapeAfterEveryRegionMoved(Moving moving) throws IOException {
        return scrape();
    }

    /** Rewrites the utilization of slot 0, device 0, in every region before each call, as libvgpu's watcher does. */
    @State(Scope.Benchmark)
    public static class Moving {
        private final List<FileChannel> files = new ArrayList<>();
        private final ByteBuffer value = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private long util;

        @Setup(Level.Trial)
        public void open(MonitorScrapeBenchmark node) throws IOException {
            for (var file : node.regionFiles) {
                files.add(FileChannel.open(file, StandardOpenOption.WRITE));
            }
        }

        @Setup(Level.Invocation)
        public void move() throws IOException {
            util = util % 100 + 1;
            for (var file : files) {
                file.write(value.putLong(0, util).clear(), BenchmarkRegions.smUtilOffset(0, 0));
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            for (var file : files) {
                file.close();
            }
        }
    }

    /** The same text through Prometheus's snapshots and writer (OpenMetrics and filtered scrapes go this way). */
    @Benchmark
    public int scrapeThroughSnapshots() throws IOException {
        out.reset();
        writer.write(out, monitor.registry().scrape(), EscapingScheme.ALLOW_UTF8);
        return out.size();
    }

    /** The baseline: a snapshot of every open region, the data a scrape exports. */
    @Benchmark
    public long readRegions() {
        return monitor.regions().read(open -> {
            long used = 0;
            for (var region : open.values()) {
                try {
                    used += region.snapshot().slots().size();
                } catch (IOException | InvalidRegionException e) {
                    throw new IllegalStateException(e);
                }
            }
            return used;
        });
    }

    /** The 5-second pass: discovery with re-validation of 110 regions, then the feedback. */
    @Benchmark
    public void pass() {
        monitor.runPass();
    }
}
