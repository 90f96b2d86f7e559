package io.hami.monitor.metrics;

import static io.hami.monitor.Fixtures.region;
import static io.hami.monitor.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.nvml.Nvml;
import io.hami.monitor.Fixtures;
import io.hami.monitor.Monitor;
import io.hami.monitor.MutablePods;
import io.hami.monitor.TestClock;
import io.hami.testfixtures.nvml.FakeNvml;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault run (docs/reliability.md): 500 containers' region files are created, truncated, replaced and deleted while
 * the monitor is scraped every 100 ms and runs its discovery passes. No scrape fails, no series carries a value its
 * container never held, and once the files are gone the monitor holds no region and no file descriptor of them.
 */
class RegionChurnUnderScrapesTest {
    private static final int CONTAINERS = 500;
    private static final int PODS = 50;
    private static final int IMAGES = 8;
    private static final int OPERATIONS = 2_000;
    private static final Pattern USED = Pattern.compile(
            "^hami_vgpu_memory_used_bytes\\{container=\"c(\\d+)\",[^}]*} ([0-9.E]+)$", Pattern.MULTILINE);

    @TempDir
    Path hook;

    private final MutablePods pods = new MutablePods();
    private Monitor monitor;

    @AfterEach
    void tearDown() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private static long used(int image) {
        return (image + 1) * 1_048_576L;
    }

    /** Region images made by the C writer: one device, one process, {@link #used} bytes allocated. */
    private List<byte[]> images(Path dir) throws IOException {
        var images = new ArrayList<byte[]>();
        for (int i = 0; i < IMAGES; i++) {
            var writer = region(dir, uid(9999), "image" + i).create("1.2", "--devices", "1").run("register", "1", "10")
                    .run("alloc", "1", "0", Long.toString(used(i)));
            images.add(Files.readAllBytes(writer.file()));
        }
        return images;
    }

    /** Writes {@code image} as a sparse file (regions are mostly zeros) and moves it over {@code target}. */
    private static void replace(Path target, byte[] image) throws IOException {
        var temp = target.resolveSibling(target.getFileName() + ".new");
        try (var f = new RandomAccessFile(temp.toFile(), "rw")) {
            f.setLength(image.length);
            for (int at = 0; at < image.length; at += 4096) {
                int n = Math.min(4096, image.length - at);
                if (!allZero(image, at, n)) {
                    f.seek(at);
                    f.write(image, at, n);
                }
            }
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean allZero(byte[] b, int at, int n) {
        for (int i = at; i < at + n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private String scrape() throws IOException {
        var out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, monitor.registry().scrape(), EscapingScheme.ALLOW_UTF8);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long openDescriptorsUnder(Path dir) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(dir);
                } catch (IOException e) {
                    return false; // closed since the listing
                }
            }).count();
        }
    }

    @Test
    void churnOfFiveHundredRegionsUnderScrapesNeverFailsAScrapeNorMixesSeriesAndLeavesNothingOpen() throws Exception {
        var images = images(hook.resolve("images"));
        var containers = hook.resolve("containers");
        var files = new Path[CONTAINERS];
        for (int p = 0; p < PODS; p++) {
            var names = new String[CONTAINERS / PODS];
            for (int k = 0; k < names.length; k++) {
                int c = p * names.length + k;
                names[k] = "c" + c;
                files[c] = region(containers, uid(p + 1), names[k]).file();
                replace(files[c], images.get(c % IMAGES));
            }
            pods.add(Fixtures.pod(uid(p + 1), "ns", "p" + p, names));
        }
        monitor = new Monitor(Fixtures.config(hook, false), pods,
                new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys"))),
                TestClock.newYear2026(), BuildInfo.of("test", "unknown", "unknown"));
        monitor.runPass();

        var stop = new AtomicBoolean();
        var scrapes = new AtomicInteger();
        var maxSeries = new AtomicInteger();
        var problems = new ConcurrentLinkedQueue<String>();
        var scraper = Thread.ofPlatform().name("scraper").start(() -> {
            while (!stop.get()) {
                try {
                    var text = scrape();
                    var m = USED.matcher(text);
                    int series = 0;
                    while (m.find()) {
                        series++;
                        int c = Integer.parseInt(m.group(1));
                        long value = (long) Double.parseDouble(m.group(2));
                        if (value != used(c % IMAGES)) {
                            problems.add("c" + c + " exported " + value + ", never written for it");
                        }
                    }
                    maxSeries.accumulateAndGet(series, Math::max);
                    scrapes.incrementAndGet();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception | Error e) {
                    problems.add("scrape failed: " + e);
                }
            }
        });

        var random = new Random(22);
        var counts = new int[4];
        for (int op = 0; op < OPERATIONS; op++) {
            int c = random.nextInt(CONTAINERS);
            int kind = random.nextInt(4);
            counts[kind]++;
            switch (kind) {
                case 0 -> replace(files[c], images.get(c % IMAGES));
                case 1 -> {
                    if (Files.exists(files[c])) {
                        try (var f = new RandomAccessFile(files[c].toFile(), "rw")) {
                            f.setLength(random.nextInt(images.get(0).length));
                        } catch (IOException e) {
                            // deleted in between: nothing to truncate
                        }
                    }
                }
                case 2 -> Files.deleteIfExists(files[c]);
                default -> {
                    Files.deleteIfExists(files[c]);
                    replace(files[c], images.get(c % IMAGES));
                }
            }
            if (op % 50 == 0) {
                monitor.runPass();
            }
        }
        int scrapesDuringChurn = scrapes.get();
        while (scrapes.get() < scrapesDuringChurn + 2) {
            Thread.sleep(20); // two more scrapes after the last change
        }
        stop.set(true);
        scraper.interrupt();
        scraper.join();

        for (var file : files) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
        monitor.runPass();
        long open = monitor.regions().read(Map::size);
        long descriptors = openDescriptorsUnder(containers);
        System.out.printf("region churn: %d operations (%d replaced, %d truncated, %d deleted, %d re-created) on %d files,"
                        + " %d scrapes, at most %d series in one scrape, %d problems; afterwards %d regions and %d"
                        + " descriptors open%n", OPERATIONS, counts[0], counts[1], counts[2], counts[3], CONTAINERS,
                scrapes.get(), maxSeries.get(), problems.size(), open, descriptors);
        assertThat(problems).isEmpty();
        assertThat(scrapes.get()).isGreaterThan(0);
        assertThat(maxSeries.get()).isBetween(1, CONTAINERS);
        assertThat(open).isZero();
        assertThat(descriptors).isZero();
    }
}
