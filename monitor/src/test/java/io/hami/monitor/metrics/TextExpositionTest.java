package io.hami.monitor.metrics;

import static io.hami.monitor.Fixtures.region;
import static io.hami.monitor.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.nvml.Nvml;
import io.hami.monitor.Fixtures;
import io.hami.monitor.Monitor;
import io.hami.monitor.MutablePods;
import io.hami.monitor.TestClock;
import io.hami.monitor.metrics.CollectErrors.Reason;
import io.hami.monitor.pods.PodView;
import io.hami.testfixtures.nvml.FakeNvml;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The monitor's own text writer against Prometheus's: for the same node (regions, allocations, names that need
 * escaping, names that sort differently from the pods' order, legacy names off and on), the bytes are the same.
 */
class TextExpositionTest {
    @TempDir
    Path hook;

    private final MutablePods pods = new MutablePods();

    /** An allocation annotation with one entry per container, each of one device. */
    private static Optional<String> allocation(String... uuids) {
        return Optional.of(Arrays.stream(uuids).map(u -> u + ",NVIDIA,2048,25:;").collect(Collectors.joining()));
    }

    private Monitor node(boolean legacy) {
        var containers = hook.resolve("containers");
        pods.add(Fixtures.pod(uid(1), "ns", "trainer", "cuda"));
        region(containers, uid(1), "cuda").create("1.2", "--limit", "0=3000000000", "--devices", "2")
                .run("register", "101", "4242").run("alloc", "101", "0", "1048576", "data")
                .run("alloc", "101", "1", "2097152", "context").run("watch", "4242", "0", "0", "35")
                .run("kernel", "1767225500");
        pods.add(PodView.ofGpuContainers(uid(2), "a\"quoted\\ns", "new\nline", List.of("z", "B", "é"),
                allocation(Fixtures.GPU0, Fixtures.GPU1, Fixtures.GPU0), Optional.empty()));
        pods.add(PodView.ofGpuContainers(uid(3), "ns", "a-pod", List.of("app"), allocation(Fixtures.GPU1),
                Optional.empty()));
        pods.add(PodView.ofGpuContainers(uid(4), "ns", "a-pod10", List.of("app"), allocation(Fixtures.GPU0),
                Optional.empty()));
        var monitor = new Monitor(Fixtures.config(hook, legacy), pods,
                new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys"))),
                TestClock.newYear2026(), BuildInfo.of("test", "unknown", "unknown"));
        monitor.runPass();
        return monitor;
    }

    private static String prometheus(Monitor monitor) throws IOException {
        var out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, monitor.registry().scrape(), EscapingScheme.ALLOW_UTF8);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String own(Monitor monitor) throws IOException {
        var out = new ByteArrayOutputStream();
        monitor.writeMetricsText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "legacy {0}")
    @ValueSource(booleans = {false, true})
    void writesTheSameBytesAsPrometheussTextWriter(boolean legacy) throws Exception {
        try (var monitor = node(legacy)) {
            var expected = prometheus(monitor);
            assertThat(expected).contains("pod=\"new\\nline\"", "namespace=\"a\\\"quoted\\\\ns\"", "container=\"é\"",
                    "hami_vgpu_memory_used_bytes{container=\"cuda\"");
            assertThat(own(monitor)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "legacy {0}")
    @ValueSource(booleans = {false, true})
    void dropsARepeatedSeriesAndCountsItAsPrometheussPathDoes(boolean legacy) throws Exception {
        pods.add(PodView.ofGpuContainers(uid(5), "ns", "a-pod", List.of("app"), allocation(Fixtures.GPU1),
                Optional.empty()));
        try (var monitor = node(legacy)) {
            var expected = prometheus(monitor);
            long counted = monitor.errors().get(Reason.DUPLICATE_SERIES);
            var actual = own(monitor);
            assertThat(monitor.errors().get(Reason.DUPLICATE_SERIES)).isEqualTo(2 * counted).isPositive();
            assertThat(withoutErrorCounter(actual)).isEqualTo(withoutErrorCounter(expected));
        }
    }

    @ParameterizedTest(name = "legacy {0}")
    @ValueSource(booleans = {false, true})
    void showsAnErrorCountedSinceTheScrapeBefore(boolean legacy) throws Exception {
        try (var monitor = node(legacy)) {
            var before = own(monitor);
            assertThat(own(monitor)).isEqualTo(before);
            monitor.errors().count(Reason.REGION_IO);
            var after = own(monitor);
            assertThat(after).contains(CollectErrors.NAME + "{reason=\"region_io\"} 1.0")
                    .isEqualTo(prometheus(monitor));
        }
    }

    private static String withoutErrorCounter(String text) {
        return text.lines().filter(l -> !l.startsWith(CollectErrors.NAME + "{")).collect(Collectors.joining("\n"));
    }
}
