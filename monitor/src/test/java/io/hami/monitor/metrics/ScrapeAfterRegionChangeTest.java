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
import io.hami.testfixtures.region.RegionWriterFixture;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scrape keeps what it derived from a region whose bytes did not change, for the next one: every change the
 * region's writer makes (memory under the slot seqlock, utilization and kernel time outside it), the clock, and the
 * pod's names must still show in the very next scrape, through both writers.
 */
class ScrapeAfterRegionChangeTest {
    private static final String SERIES = "{container=\"cuda\",device_uuid=\"" + Fixtures.GPU0
            + "\",namespace=\"ns\",pod=\"trainer\",vdevice_index=\"0\",zone=\"vGPU\"} ";

    @TempDir
    Path hook;

    private final MutablePods pods = new MutablePods();
    private final TestClock clock = TestClock.newYear2026();
    private RegionWriterFixture writer;
    private Monitor monitor;

    @BeforeEach
    void node() {
        pods.add(Fixtures.pod(uid(1), "ns", "trainer", "cuda"));
        writer = region(hook.resolve("containers"), uid(1), "cuda").create("1.2", "--devices", "1")
                .run("register", "101", "4242").run("alloc", "101", "0", "1048576", "data")
                .run("watch", "4242", "0", "0", "35").run("kernel", "1767225500");
        monitor = new Monitor(Fixtures.config(hook, true), pods,
                new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys"))), clock,
                BuildInfo.of("test", "unknown", "unknown"));
        monitor.runPass();
    }

    @AfterEach
    void close() {
        monitor.close();
    }

    private String scrape() throws IOException {
        var own = new ByteArrayOutputStream();
        monitor.writeMetricsText(own);
        var prometheus = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(prometheus, monitor.registry().scrape(), EscapingScheme.ALLOW_UTF8);
        assertThat(own.toString(StandardCharsets.UTF_8)).isEqualTo(prometheus.toString(StandardCharsets.UTF_8));
        return own.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnchangedRegionScrapesTheSameTextAgain() throws Exception {
        var first = scrape();
        assertThat(first).contains("hami_vgpu_memory_used_bytes" + SERIES + "1048576.0");
        assertThat(scrape()).isEqualTo(first);
    }

    @Test
    void memoryAllocatedUnderTheSeqlockShowsInTheNextScrape() throws Exception {
        scrape();
        writer.run("alloc", "101", "0", "2097152", "data");
        assertThat(scrape()).contains("hami_vgpu_memory_used_bytes" + SERIES + "3145728.0",
                "hami_vgpu_memory_buffer_bytes" + SERIES + "3145728.0");
    }

    @Test
    void utilizationWrittenOutsideTheSeqlockShowsInTheNextScrape() throws Exception {
        assertThat(scrape()).contains("hami_container_device_utilization_ratio" + SERIES + "35.0");
        writer.run("watch", "4242", "0", "0", "80");
        assertThat(scrape()).contains("hami_container_device_utilization_ratio" + SERIES + "80.0");
    }

    @Test
    void aNewKernelAndTheClockBothMoveTheElapsedTime() throws Exception {
        assertThat(scrape()).contains("hami_container_last_kernel_elapsed_seconds" + SERIES + "100.0");
        clock.advance(Duration.ofSeconds(60));
        assertThat(scrape()).contains("hami_container_last_kernel_elapsed_seconds" + SERIES + "160.0");
        writer.run("kernel", "1767225650");
        assertThat(scrape()).contains("hami_container_last_kernel_elapsed_seconds" + SERIES + "10.0");
    }

    @Test
    void anExitedProcessNoLongerCountsInTheNextScrape() throws Exception {
        scrape();
        writer.run("exit", "101");
        assertThat(scrape()).contains("hami_vgpu_memory_used_bytes" + SERIES + "0.0");
    }

    @Test
    void containersComingAndGoingBesideAnUnchangedOneAreWrittenInLabelOrder() throws Exception {
        var first = scrape();
        pods.add(Fixtures.pod(uid(2), "ns", "a-first", "cuda"));
        region(hook.resolve("containers"), uid(2), "cuda").create("1.2", "--devices", "1")
                .run("register", "102", "4243").run("alloc", "102", "0", "4096", "data");
        monitor.runPass();
        var both = scrape(); // checked against Prometheus's writer, which sorts every family itself
        assertThat(both).contains("hami_vgpu_memory_used_bytes" + SERIES.replace("trainer", "a-first") + "4096.0",
                "hami_vgpu_memory_used_bytes" + SERIES + "1048576.0");
        pods.remove(uid(1));
        monitor.runPass();
        assertThat(scrape()).doesNotContain("pod=\"trainer\"").contains("pod=\"a-first\"");
        pods.add(Fixtures.pod(uid(1), "ns", "trainer", "cuda"));
        writer = region(hook.resolve("containers"), uid(1), "cuda").create("1.2", "--devices", "1")
                .run("register", "101", "4242").run("alloc", "101", "0", "1048576", "data")
                .run("watch", "4242", "0", "0", "35").run("kernel", "1767225500");
        monitor.runPass();
        assertThat(scrape()).isEqualTo(both);
        pods.remove(uid(2)).add(Fixtures.pod(uid(3), "ns", "z-last", "cuda")); // as many devices, in another order
        region(hook.resolve("containers"), uid(3), "cuda").create("1.2", "--devices", "1")
                .run("register", "103", "4244").run("alloc", "103", "0", "8192", "data");
        monitor.runPass();
        assertThat(scrape()).contains("pod=\"z-last\"").doesNotContain("pod=\"a-first\"");
        assertThat(first).doesNotContain("a-first");
    }
}
