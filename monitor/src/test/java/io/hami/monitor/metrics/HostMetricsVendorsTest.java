package io.hami.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.monitor.Http;
import io.hami.monitor.Monitor;
import io.hami.monitor.TestClock;
import io.hami.monitor.config.MonitorConfig;
import io.hami.monitor.pods.PodSource;
import io.hami.monitor.server.MonitorServer;
import io.hami.testfixtures.mock.MockProfile;
import io.hami.testfixtures.mock.VendorMock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

/**
 * The host series of every vendor end to end: the monitor configured as {@code hami monitor --vendor V --library
 * L} configures it, over the vendor's C mock library, scraped over HTTP with the legacy names on, against the
 * numbers of the mock's profile. Also a device failing mid-listing, a library whose init starts failing and
 * then works again, and a library that is missing at first and then appears.
 */
class HostMetricsVendorsTest {
    private static final long MIB = 1L << 20;
    private static final Set<String> HOST_FAMILIES = Arrays.stream(Family.values())
            .filter(f -> f.labelNames().contains("device_type") || f.labelNames().contains("devicetype"))
            .map(Family::metricName).collect(Collectors.toUnmodifiableSet());

    @TempDir
    Path hook;

    /** One monitor over one library, serving on a loopback port. */
    private final class Node implements AutoCloseable {
        private final VendorMock mock;
        private final Monitor monitor;
        private final MonitorServer server;

        Node(VendorMock mock, String library) throws IOException {
            this.mock = mock;
            var config = MonitorConfig.load(Map.of("node-name", "node-1", "hook-path", hook.toString(),
                    "metrics-bind-address", "127.0.0.1:0", "legacy-metrics", "true",
                    "mig-apply-lock", hook.resolve("mig.lock").toString(), "vendor", mock.vendor().id(),
                    "library", library), Map.of(), Optional.empty());
            this.monitor = new Monitor(config, PodSource.of(List.of()), HostGpus.of(config.vendor(), config.library()),
                    TestClock.newYear2026(), BuildInfo.of("t", "u", "u"));
            this.server = MonitorServer.start(config.bindAddress(), monitor.registry(), monitor::writeMetricsText, monitor::healthy);
        }

        /** One scrape: every series by its name and labels. */
        Map<String, Double> scrape() {
            var response = Http.get(server.port(), "/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .collect(Collectors.toMap(l -> l.substring(0, l.lastIndexOf(' ')),
                            l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))));
        }

        /** The host series of one scrape, and the host library's error count after it. */
        Scrape host() {
            var all = scrape();
            var host = new HashMap<String, Double>();
            all.forEach((series, value) -> {
                if (HOST_FAMILIES.contains(series.substring(0, series.indexOf('{')))) {
                    host.put(series, value);
                }
            });
            var errors = all.get(series(CollectErrors.NAME, Map.of("reason", reasonLabel(mock))));
            assertThat(errors).as("the error count of %s's library", mock).isNotNull();
            return new Scrape(host, errors);
        }

        @Override
        public void close() {
            server.close();
            monitor.close();
        }
    }

    private record Scrape(Map<String, Double> host, double errors) {
    }

    /** The reason label of the vendor's library errors: the library's API in lower case. */
    private static String reasonLabel(VendorMock mock) {
        return switch (mock) {
            case NVIDIA -> "nvml";
            case CAMBRICON -> "cndev";
            case CAMBRICON_CNRT -> "cnrt";
            case ASCEND -> "dcmi";
            case HYGON -> "rocm-smi";
            case ILUVATAR -> "ixml";
            case METAX -> "mxsml";
            case MTHREADS -> "mtml";
        };
    }

    /** A series as the exposition writes it: the name, then the labels in name order. */
    private static String series(String name, Map<String, String> labels) {
        return name + new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** What a profile's device should export; {@code without} leaves out "memory" and/or "utilization". */
    private static Map<String, Double> expected(VendorMock mock, MockProfile profile, int device, Set<String> without) {
        var d = profile.devices().get(device);
        boolean nvml = mock == VendorMock.NVIDIA || mock == VendorMock.ILUVATAR; // NVML's profile format
        var uuid = d.get("uuid").asText();
        var type = mock == VendorMock.NVIDIA ? "NVIDIA-" + d.get("name").asText() : d.get("name").asText();
        var host = Map.of("node", "node-1", "device_index", Integer.toString(device), "device_uuid", uuid,
                "device_type", type, "zone", "vGPU");
        var legacy = Map.of("nodeid", "node-1", "deviceidx", Integer.toString(device), "deviceuuid", uuid,
                "devicetype", type, "zone", "vGPU");
        var out = new HashMap<String, Double>();
        if (!without.contains("memory")) {
            // NVIDIA: nvmlDeviceGetMemoryInfo, whose used memory includes the driver's reserve, as HAMi reads it
            long usedMiB = d.get("memoryUsedMiB").asLong()
                    + (mock == VendorMock.NVIDIA ? d.path("memoryReservedMiB").asLong(0) : 0);
            out.put(series("hami_host_gpu_memory_used_bytes", host), (double) (usedMiB * MIB));
            out.put(series("HostGPUMemoryUsage", legacy), (double) (usedMiB * MIB));
        }
        var utilization = nvml ? d.path("utilization").path("gpu") : d.path("utilization");
        if (!without.contains("utilization") && !utilization.isMissingNode()) {
            out.put(series("hami_host_gpu_utilization_ratio", host), utilization.asDouble());
            out.put(series("HostCoreUtilization", legacy), utilization.asDouble());
        }
        if (mock == VendorMock.NVIDIA) {
            out.put(series("hami_host_gpu_memory_controller_utilization_ratio", Map.of("device_index",
                    Integer.toString(device), "device_uuid", uuid, "device_type", type, "zone", "vGPU")),
                    d.path("utilization").path("memory").asDouble());
        }
        return out;
    }

    private static Map<String, Double> expected(VendorMock mock, MockProfile profile) {
        var out = new HashMap<String, Double>();
        for (int i = 0; i < profile.devices().size(); i++) {
            out.putAll(expected(mock, profile, i, Set.of()));
        }
        return out;
    }

    private static String machine(VendorMock mock) {
        return mock == VendorMock.NVIDIA ? "a10x4" : VendorMock.MACHINE;
    }

    @ParameterizedTest
    @EnumSource(VendorMock.class)
    void everyVendorExportsItsProfilesNumbersUnderHamisNamesAndLabels(VendorMock mock) throws Exception {
        var library = mock.library().useProfile(machine(mock));
        try (var node = new Node(mock, library.library())) {
            var scrape = node.host();
            assertThat(scrape.host()).isEqualTo(expected(mock, mock.profile(machine(mock))));
            assertThat(scrape.errors()).isZero();
        }
        assertThat(library.initCount()).as("no session left open").isEqualTo(mock == VendorMock.ASCEND
                || mock == VendorMock.METAX || mock == VendorMock.CAMBRICON_CNRT ? 1 : 0); // DCMI, MXSML, CNRT have no shutdown
    }

    @ParameterizedTest
    @EnumSource(value = VendorMock.class, names = "NVIDIA", mode = Mode.EXCLUDE)
    void aDeviceFailingMidListingLosesOnlyTheNumbersItCouldNotGive(VendorMock mock) throws Exception {
        var library = mock.library().useProfile(VendorMock.FAULT_MIDWAY);
        var profile = mock.profile(VendorMock.FAULT_MIDWAY);
        // device 1 fails its memory call (Iluvatar's is lost there, so nothing after it is read); device 2 fails the
        // vendor's health check, or where the library has none (ROCm-SMI, MTML) its utilization call
        var expected = new HashMap<>(expected(mock, profile, 0, Set.of()));
        expected.putAll(expected(mock, profile, 1, mock == VendorMock.ILUVATAR ? Set.of("memory", "utilization")
                : Set.of("memory")));
        boolean utilizationFails = mock == VendorMock.HYGON || mock == VendorMock.MTHREADS;
        expected.putAll(expected(mock, profile, 2, utilizationFails ? Set.of("utilization") : Set.of()));
        try (var node = new Node(mock, library.library())) {
            var scrape = node.host();
            assertThat(scrape.host()).isEqualTo(expected);
            // CNRT has no health call: its device 2 fails its PCI call instead, which costs no number but is counted
            assertThat(scrape.errors()).as("one per device that lost a number")
                    .isEqualTo(utilizationFails || mock == VendorMock.CAMBRICON_CNRT ? 2 : 1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = VendorMock.class, names = "NVIDIA", mode = Mode.EXCLUDE)
    void aLibraryThatStopsInitialisingExportsNoHostSeriesUntilItWorksAgain(VendorMock mock) throws Exception {
        var library = mock.library().useProfile(VendorMock.MACHINE);
        var all = expected(mock, mock.profile(VendorMock.MACHINE));
        try (var node = new Node(mock, library.library())) {
            assertThat(node.host()).isEqualTo(new Scrape(all, 0));
            library.useProfile(VendorMock.FAULT_INIT);
            assertThat(node.host()).isEqualTo(new Scrape(Map.of(), 1));
            assertThat(node.host()).isEqualTo(new Scrape(Map.of(), 2));
            library.useProfile(VendorMock.MACHINE);
            assertThat(node.host()).isEqualTo(new Scrape(all, 2));
        }
    }

    @Test
    void aLibraryMissingAtStartIsOpenedOnceItAppears() throws Exception {
        var mock = VendorMock.CAMBRICON;
        var real = mock.library().useProfile(VendorMock.MACHINE);
        var path = Files.createDirectories(hook.resolve("driver")).resolve("libcndev.so");
        try (var node = new Node(mock, path.toString())) {
            assertThat(node.host()).isEqualTo(new Scrape(Map.of(), 1));
            assertThat(node.host()).isEqualTo(new Scrape(Map.of(), 2));
            Files.createSymbolicLink(path, Path.of(real.library()));
            assertThat(node.host()).isEqualTo(new Scrape(expected(mock, mock.profile(VendorMock.MACHINE)), 2));
        }
    }
}
