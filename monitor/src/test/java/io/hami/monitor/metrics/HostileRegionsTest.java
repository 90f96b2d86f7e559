package io.hami.monitor.metrics;

import static io.hami.monitor.Fixtures.pod;
import static io.hami.monitor.Fixtures.region;
import static io.hami.monitor.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.nvml.Nvml;
import io.hami.monitor.Fixtures;
import io.hami.monitor.Monitor;
import io.hami.monitor.MutablePods;
import io.hami.monitor.TestClock;
import io.hami.monitor.metrics.CollectErrors.Reason;
import io.hami.testfixtures.nvml.FakeNvml;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regions a container scribbled on: every scrape still answers, the other containers are still exported, the
 * error counter rises, and nothing a file holds (or how it changes under the reader) can crash the JVM.
 */
class HostileRegionsTest {
    @TempDir
    Path hook;

    private final MutablePods pods = new MutablePods();
    private Monitor monitor;
    private Path containers;

    @BeforeEach
    void setUp() {
        containers = hook.resolve("containers");
        pods.add(pod(uid(1), "ns", "p", "good", "garbage", "version", "truncated", "priority", "procnum", "devnum"));
        monitor = new Monitor(Fixtures.config(hook, false), pods,
                new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys"))),
                TestClock.newYear2026(), BuildInfo.of("test", "unknown", "unknown"));
    }

    @AfterEach
    void tearDown() {
        monitor.close();
    }

    private String scrape() throws Exception {
        var out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, monitor.registry().scrape(), EscapingScheme.ALLOW_UTF8);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String used(String container) {
        return "hami_vgpu_memory_used_bytes{container=\"" + container + "\"";
    }

    @Test
    void everyScrapeAnswersAndTheOthersAreStillExported() throws Exception {
        region(containers, uid(1), "good").create("1.2", "--devices", "1").run("register", "1", "10")
                .run("alloc", "1", "0", "1048576");
        var garbage = new byte[RegionSize.V1 + 1];
        new Random(42).nextBytes(garbage);
        Files.write(region(containers, uid(1), "garbage").file(), garbage);
        region(containers, uid(1), "version").create("1.2", "--devices", "1").run("set", "major_version", "9");
        var truncated = region(containers, uid(1), "truncated").create("1.2", "--devices", "1").file();
        region(containers, uid(1), "priority").create("1.2", "--devices", "1").run("set", "priority", "2147483647");
        region(containers, uid(1), "procnum").create("1.2", "--devices", "1").run("set", "proc_num", "2000000000");
        region(containers, uid(1), "devnum").create("1.1", "--devices", "1").run("set", "device_num", "-1");

        monitor.runPass();
        try (var f = new RandomAccessFile(truncated.toFile(), "rw")) {
            f.setLength(100); // after the region was opened
        }
        var text = scrape();
        assertThat(text).contains(used("good") + ",device_uuid=\"" + Fixtures.GPU0 + "\"", used("priority"), used("procnum"),
                used("devnum")).doesNotContain(used("garbage"), used("version"), used("truncated"));
        assertThat(text).contains("hami_vgpu_memory_used_bytes{container=\"good\",device_uuid=\"" + Fixtures.GPU0
                + "\",namespace=\"ns\",pod=\"p\",vdevice_index=\"0\",zone=\"vGPU\"} 1048576.0");
        var errors = monitor.errors();
        assertThat(errors.get(Reason.REGION_NO_MAGIC)).isEqualTo(1);
        assertThat(errors.get(Reason.REGION_UNKNOWN_VERSION)).isEqualTo(1);
        assertThat(errors.get(Reason.REGION_TRUNCATED)).isEqualTo(1);
        assertThat(errors.get(Reason.PRIORITY)).isEqualTo(1);
        assertThat(text).contains("hami_monitor_collect_errors_total{reason=\"region_truncated\"} 1.0");

        monitor.runPass();
        scrape();
        assertThat(errors.get(Reason.REGION_NO_MAGIC)).isEqualTo(2);
        assertThat(errors.get(Reason.REGION_TRUNCATED)).isGreaterThanOrEqualTo(2);
        assertThat(errors.get(Reason.PRIORITY)).isEqualTo(2);
    }

    @Test
    void aMinorVersionItDoesNotKnowIsExportedWithTheNewestLayoutAndCountedEachScrape() throws Exception {
        region(containers, uid(1), "version").create("1.2", "--devices", "1").run("register", "1", "10")
                .run("alloc", "1", "0", "1048576").run("set", "minor_version", "3");
        region(containers, uid(1), "good").create("1.2", "--devices", "1");
        monitor.runPass();
        var text = scrape();
        assertThat(text).contains("hami_vgpu_memory_used_bytes{container=\"version\",device_uuid=\"" + Fixtures.GPU0
                + "\",namespace=\"ns\",pod=\"p\",vdevice_index=\"0\",zone=\"vGPU\"} 1048576.0");
        assertThat(monitor.errors().get(Reason.REGION_UNKNOWN_VERSION)).isEqualTo(1);
        scrape();
        assertThat(monitor.errors().get(Reason.REGION_UNKNOWN_VERSION)).isEqualTo(2);
    }

    @Test
    void aSlotWhoseSeqlockNeverSettlesIsExportedWithItsLastValueAndCounted() throws Exception {
        region(containers, uid(1), "good").create("1.2", "--devices", "1").run("register", "1", "10")
                .run("alloc", "1", "0", "1048576").run("set", "seqlock.0", "7");
        monitor.runPass();
        var text = scrape();
        assertThat(text).contains("hami_vgpu_memory_used_bytes{container=\"good\",device_uuid=\"" + Fixtures.GPU0
                + "\",namespace=\"ns\",pod=\"p\",vdevice_index=\"0\",zone=\"vGPU\"} 1048576.0");
        assertThat(monitor.errors().get(Reason.REGION_SEQLOCK)).isEqualTo(1);
    }

    @Test
    void aFileTruncatedAndRewrittenUnderScrapesNeverBreaksThem() throws Exception {
        var file = region(containers, uid(1), "good").create("1.2", "--devices", "1").run("register", "1", "10").file();
        var image = Files.readAllBytes(file);
        monitor.runPass();
        var stop = new AtomicBoolean();
        var started = new CountDownLatch(1);
        var scribbler = Thread.ofPlatform().start(() -> {
            started.countDown();
            int round = 0;
            while (!stop.get()) {
                try (var f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.setLength(round++ % 3 == 0 ? 0 : 1000);
                    f.seek(0);
                    f.write(image);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        });
        started.await();
        for (int i = 0; i < 200; i++) {
            assertThat(scrape()).contains("hami_build_info");
            if (i % 50 == 0) {
                monitor.runPass();
            }
        }
        stop.set(true);
        scribbler.join();
    }

    /** Region sizes (docs/protocol.md, "The shared region"), for files made by hand. */
    private static final class RegionSize {
        static final int V1 = 2_008_952;
    }
}
