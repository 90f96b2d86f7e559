package io.hami.cli.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.hami.cli.HamiCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device-plugin DaemonSets of the vendors other than NVIDIA (docs/install.md, "Other vendors"): which vendors get
 * one, the {@code hami device-plugin --vendor} command line each runs, its node selector, its host mounts and its
 * account, and the values the chart refuses.
 */
class ChartVendorPluginsTest {

    /** Every vendor plugin renders: Ascend is off by default. */
    static final String ALL = "devices:\n  ascend:\n    enabled: true\n";

    /** What one vendor's DaemonSet must hold: its label, its health port and the arguments after the shared ones. */
    record Expected(Map<String, String> nodeSelector, int healthPort, List<String> ownArgs, Map<String, String> mounts) {
    }

    /** Mounts as {@code mountPath -> hostPath type ro|rw}; every plugin also has the three below. */
    static final Map<String, String> SHARED_MOUNTS = Map.of(
            "/var/lib/kubelet/device-plugins", "/var/lib/kubelet/device-plugins Directory rw",
            "/dev", "/dev Directory ro",
            "/device-config", "configMap hami-device-config ro");

    static final Map<String, Expected> EXPECTED = Map.of(
            "cambricon", new Expected(Map.of("hami-java/cambricon", "on"), 9450,
                    List.of("--library=/host/usr/lib/x86_64-linux-gnu/libcndev.so"),
                    Map.of("/host/usr", "/usr Directory ro")),
            "ascend", new Expected(Map.of("hami-java/ascend", "on"), 9451,
                    List.of("--hook-path=/usr/local/hami-vnpu-core"),
                    Map.of("/usr/local/Ascend/driver", "/usr/local/Ascend/driver Directory ro",
                            "/usr/local/hami-vnpu-core", "/usr/local/hami-vnpu-core DirectoryOrCreate rw",
                            "/usr/local/hami-shared-region", "/usr/local/hami-shared-region DirectoryOrCreate rw",
                            "/tmp", "/tmp Directory rw")),
            "hygon", new Expected(Map.of("hami-java/hygon", "on"), 9452, List.of(),
                    Map.of("/opt/hyhal", "/opt/hyhal Directory ro", "/etc/vdev", "/etc/vdev Directory rw",
                            "/usr/local/vgpu", "/usr/local/vgpu DirectoryOrCreate rw")),
            "iluvatar", new Expected(Map.of("hami-java/iluvatar", "on"), 9453, List.of(),
                    Map.of("/usr/local/corex", "/usr/local/corex Directory ro")),
            "metax-gpu", new Expected(Map.of("hami-java/metax", "gpu"), 9454, List.of(),
                    Map.of("/opt/mxdriver", "/opt/mxdriver Directory ro", "/opt/maca", "/opt/maca DirectoryOrCreate ro")),
            "metax-sgpu", new Expected(Map.of("hami-java/metax", "sgpu"), 9455, List.of(),
                    Map.of("/opt/mxdriver", "/opt/mxdriver Directory ro", "/opt/maca", "/opt/maca DirectoryOrCreate ro")),
            "mthreads", new Expected(Map.of("hami-java/mthreads", "on"), 9456,
                    List.of("--library=/host/usr/lib/x86_64-linux-gnu/libmtml.so"),
                    Map.of("/host/usr/lib", "/usr/lib Directory ro")));

    @TempDir
    static Path work;

    static Rendered render(String values) throws IOException {
        return Chart.render(work, "1.29.4", values);
    }

    static List<String> vendorPlugins(Rendered chart) {
        return chart.all(DaemonSet.class).stream().map(d -> d.getMetadata().getName())
                .filter(n -> n.startsWith("hami-device-plugin-")).map(n -> n.substring("hami-device-plugin-".length()))
                .toList();
    }

    static PodSpec pod(Rendered chart, String vendor) {
        return chart.get(DaemonSet.class, "hami-device-plugin-" + vendor).getSpec().getTemplate().getSpec();
    }

    static Container plugin(Rendered chart, String vendor) {
        return ChartTest.container(chart, "DaemonSet/hami-device-plugin-" + vendor + "/device-plugin");
    }

    @Test
    void everyEnabledVendorGetsItsOwnPluginAndAscendOnlyWhenEnabled() throws IOException {
        assertThat(vendorPlugins(render(""))).containsExactlyInAnyOrder("cambricon", "hygon", "iluvatar", "metax-gpu",
                "metax-sgpu", "mthreads");
        assertThat(vendorPlugins(render(ALL + "  mthreads:\n    enabled: false\n"))).containsExactlyInAnyOrder(
                "cambricon", "ascend", "hygon", "iluvatar", "metax-gpu", "metax-sgpu");
        assertThat(render("").find(DaemonSet.class, "hami-device-plugin")).as("NVIDIA's").isPresent();
    }

    @Test
    void eachPluginRunsHamiDevicePluginForItsVendorWithTheNodeNameTheDeviceConfigAndItsOwnHealthPort()
            throws IOException {
        Rendered chart = render(ALL);
        for (var e : EXPECTED.entrySet()) {
            Container c = plugin(chart, e.getKey());
            var args = new ArrayList<>(List.of("device-plugin", "--vendor=" + e.getKey(), "--node-name=$(NODE_NAME)",
                    "--device-plugin-dir=/var/lib/kubelet/device-plugins",
                    "--device-config-file=/device-config/device-config.yaml",
                    "--health-address=0.0.0.0:" + e.getValue().healthPort(), "--kube-qps=5", "--kube-burst=10"));
            args.addAll(e.getValue().ownArgs());
            assertThat(c.getCommand()).containsExactly(Invocations.HAMI);
            assertThat(c.getArgs()).as(e.getKey()).containsExactlyElementsOf(args);
            assertThat(c.getEnv()).as(e.getKey()).singleElement().satisfies(env -> {
                assertThat(env.getName()).isEqualTo("NODE_NAME");
                assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
            });
            assertThat(c.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getName()).isEqualTo("health");
                assertThat(p.getContainerPort()).isEqualTo(e.getValue().healthPort());
            });
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        }
        assertThat(chart.get(ConfigMap.class, "hami-device-config").getData()).containsKey("device-config.yaml");
    }

    @Test
    void eachPluginMountsKubeletsDirectoryDevAndItsVendorsDirectoriesReadOnlyWhereItOnlyReads() throws IOException {
        Rendered chart = render(ALL);
        for (var e : EXPECTED.entrySet()) {
            var volumes = new TreeMap<String, Volume>();
            pod(chart, e.getKey()).getVolumes().forEach(v -> volumes.put(v.getName(), v));
            var mounts = new TreeMap<String, String>();
            for (var m : plugin(chart, e.getKey()).getVolumeMounts()) {
                Volume v = volumes.get(m.getName());
                String source = v.getHostPath() != null ? v.getHostPath().getPath() + " " + v.getHostPath().getType()
                        : "configMap " + v.getConfigMap().getName();
                mounts.put(m.getMountPath(), source + (Boolean.TRUE.equals(m.getReadOnly()) ? " ro" : " rw"));
            }
            var expected = new TreeMap<>(SHARED_MOUNTS);
            expected.putAll(e.getValue().mounts());
            assertThat(mounts).as(e.getKey()).isEqualTo(expected);
            var monitorMounts = monitor(chart, e.getKey()).getVolumeMounts().stream().map(m -> m.getName());
            assertThat(volumes.keySet()).as("%s: no volume left unmounted", e.getKey()).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.Stream.concat(plugin(chart, e.getKey()).getVolumeMounts().stream()
                            .map(m -> m.getName()), monitorMounts).distinct().toList());
        }
    }

    @Test
    void eachPluginRunsOnItsOwnLabelWithTheDevicePluginAccountPrivilegedAndWithoutHostNamespaces()
            throws IOException {
        Rendered chart = render(ALL);
        for (var e : EXPECTED.entrySet()) {
            PodSpec pod = pod(chart, e.getKey());
            assertThat(pod.getNodeSelector()).as(e.getKey()).isEqualTo(e.getValue().nodeSelector());
            assertThat(pod.getServiceAccountName()).as("the account ChartAccessTest holds to its declared calls")
                    .isEqualTo("hami-device-plugin");
            assertThat(List.of(pod.getHostNetwork() == null, pod.getHostIPC() == null)).as(e.getKey()).containsOnly(true);
            // Ascend's monitor reads hami-vnpu-core's per-process records, which name host PIDs.
            assertThat(pod.getHostPID()).as(e.getKey()).isEqualTo(e.getKey().equals("ascend") ? Boolean.TRUE : null);
            assertThat(pod.getPriorityClassName()).isEqualTo("system-node-critical");
            assertThat(plugin(chart, e.getKey()).getSecurityContext().getPrivileged()).as(e.getKey()).isTrue();
        }
        assertThat(chart.all(DaemonSet.class).stream().map(d -> d.getSpec().getSelector().getMatchLabels()
                .get("app.kubernetes.io/component"))).as("one selector per DaemonSet").doesNotHaveDuplicates();
    }

    @Test
    void eachPluginHasItsOwnHealthPortAndAClashIsRefused() throws IOException {
        assertThat(EXPECTED.values().stream().map(Expected::healthPort)).doesNotHaveDuplicates().doesNotContain(9440);
        assertThatThrownBy(() -> render("devices:\n  hygon:\n    healthPort: 9450\n")).hasMessageContaining(
                "devices.hygon.healthPort: port 9450 is devices.cambricon.healthPort's too");
        assertThatThrownBy(() -> render("devices:\n  metax:\n    sgpu:\n      healthPort: 9440\n"))
                .hasMessageContaining("devices.metax.sgpu.healthPort: port 9440 is devicePlugin.healthPort's too");
        // A vendor without a plugin holds no port.
        assertThat(vendorPlugins(render("devices:\n  hygon:\n    devicePlugin: false\n    healthPort: 9450\n")))
                .doesNotContain("hygon");
    }

    @Test
    void aVendorWhosePluginIsOffIsStillScheduledButGetsNoDaemonSet() throws IOException {
        Rendered chart = render("devices:\n  hygon:\n    devicePlugin: false\n  metax:\n    sgpu:\n"
                + "      devicePlugin: false\n");
        assertThat(vendorPlugins(chart)).doesNotContain("hygon", "metax-sgpu").contains("metax-gpu");
        assertThat(chart.configData("hami-device-config", "device-config.yaml")).contains("hygon:",
                "metax-tech.com/sgpu");
    }

    @Test
    void withoutNvidiaTheVendorPluginsRunAloneWithTheirAccountAndTheirMonitorsService() throws IOException {
        Rendered chart = render("devices:\n  nvidia:\n    enabled: false\n");
        assertThat(chart.find(DaemonSet.class, "hami-device-plugin")).isEmpty();
        assertThat(chart.find(Service.class, "hami-device-plugin-monitor")).as("the vendors' monitors").isPresent();
        assertThat(vendorPlugins(chart)).hasSize(6);
        assertThat(chart.find(ServiceAccount.class, "hami-device-plugin")).isPresent();
        assertThat(chart.find(ClusterRoleBinding.class, "hami-device-plugin")).isPresent();

        Rendered none = render("devicePlugin:\n  enabled: false\n");
        assertThat(none.all(DaemonSet.class)).extracting(d -> d.getMetadata().getName())
                .containsExactly("hami-runtime-installer");
        assertThat(none.find(ServiceAccount.class, "hami-device-plugin")).as("no plugin, no account").isEmpty();
    }

    @Test
    void theDeviceConfigContentDecidesWhichVendorsGetAPlugin() throws IOException {
        Rendered chart = render("device-config:\n  content: |\n    hygon:\n      resourceCountName: hygon.com/dcunum\n"
                + "      resourceMemoryName: hygon.com/dcumem\n      resourceCoreName: hygon.com/dcucores\n");
        assertThat(vendorPlugins(chart)).containsExactly("hygon");
        assertThat(chart.find(DaemonSet.class, "hami-device-plugin")).as("no nvidia section").isEmpty();
    }

    static Container monitor(Rendered chart, String vendor) {
        return ChartTest.container(chart, "DaemonSet/hami-device-plugin-" + vendor + "/monitor");
    }

    /** The monitor's own arguments per plugin: its --vendor, metrics port and the library the plugin opens. */
    static final Map<String, List<String>> MONITOR_ARGS = Map.of(
            "cambricon", List.of("--vendor=cambricon", "--hook-path=/var/lib/hami-monitor", "--metrics-bind-address=:9460",
                    "--library=/host/usr/lib/x86_64-linux-gnu/libcndev.so"),
            "ascend", List.of("--vendor=ascend", "--hook-path=/usr/local/hami-vnpu-core", "--metrics-bind-address=:9461"),
            "hygon", List.of("--vendor=hygon", "--hook-path=/var/lib/hami-monitor", "--metrics-bind-address=:9462"),
            "iluvatar", List.of("--vendor=iluvatar", "--hook-path=/var/lib/hami-monitor", "--metrics-bind-address=:9463"),
            "metax-gpu", List.of("--vendor=metax", "--hook-path=/var/lib/hami-monitor", "--metrics-bind-address=:9464"),
            "metax-sgpu", List.of("--vendor=metax", "--hook-path=/var/lib/hami-monitor", "--metrics-bind-address=:9465"),
            "mthreads", List.of("--vendor=mthreads", "--hook-path=/var/lib/hami-monitor", "--metrics-bind-address=:9466",
                    "--library=/host/usr/lib/x86_64-linux-gnu/libmtml.so"));

    @Test
    void eachPluginPodRunsTheMonitorForItsVendorOnItsOwnPortThroughThePluginsLibrary() throws IOException {
        Rendered chart = render(ALL);
        for (var e : MONITOR_ARGS.entrySet()) {
            Container m = monitor(chart, e.getKey());
            var args = new ArrayList<>(List.of("monitor", e.getValue().get(0), "--node-name=$(NODE_NAME)"));
            args.addAll(e.getValue().subList(1, 3));
            args.addAll(List.of("--kube-qps=5", "--kube-burst=10"));
            args.addAll(e.getValue().subList(3, e.getValue().size()));
            assertThat(m.getArgs()).as(e.getKey()).containsExactlyElementsOf(args);
            assertThat(m.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getName()).isEqualTo("metrics");
                assertThat("--metrics-bind-address=:" + p.getContainerPort()).isEqualTo(e.getValue().get(2));
            });
            assertThat(m.getSecurityContext().getPrivileged()).as("it opens the vendor's device nodes").isTrue();
            Invocations.assertParses("DaemonSet/hami-device-plugin-" + e.getKey() + "/monitor", m.getArgs());
        }
        assertThat(MONITOR_ARGS.keySet()).isEqualTo(EXPECTED.keySet());
        var legacy = monitor(render(ALL + "legacyMetrics: true\n"), "hygon");
        assertThat(legacy.getArgs()).endsWith("--legacy-metrics=true");
    }

    @Test
    void theMonitorMountsTheLibrariesReadOnlyAndOnlyAscendsRegionsWhileTheOthersListAnEmptyDirectory()
            throws IOException {
        Rendered chart = render(ALL);
        for (String vendor : EXPECTED.keySet()) {
            var volumes = new TreeMap<String, Volume>();
            pod(chart, vendor).getVolumes().forEach(v -> volumes.put(v.getName(), v));
            var mounts = new TreeMap<String, String>();
            for (var m : monitor(chart, vendor).getVolumeMounts()) {
                Volume v = volumes.get(m.getName());
                String source = v.getHostPath() != null ? v.getHostPath().getPath() : v.getEmptyDir() != null
                        ? "emptyDir" : "other";
                mounts.put(m.getMountPath(), source + (Boolean.TRUE.equals(m.getReadOnly()) ? " ro" : " rw"));
            }
            var expected = new TreeMap<String, String>();
            expected.put("/dev", "/dev ro");
            EXPECTED.get(vendor).mounts().forEach((path, what) -> {
                if (what.endsWith(" ro")) {
                    expected.put(path, what.substring(0, what.indexOf(' ')) + " ro");
                }
            });
            if (vendor.equals("ascend")) {
                expected.put("/usr/local/hami-vnpu-core", "/usr/local/hami-vnpu-core rw");
            } else {
                expected.put("/var/lib/hami-monitor/containers", "emptyDir rw");
            }
            assertThat(mounts).as(vendor).isEqualTo(expected);
        }
    }

    @Test
    void theMonitorServiceSelectsEveryPodRunningAMonitorAndNoOther() throws IOException {
        Rendered chart = render(ALL + "  iluvatar:\n    monitor:\n      enabled: false\n");
        var selector = chart.get(Service.class, "hami-device-plugin-monitor").getSpec().getSelector();
        assertThat(selector).containsEntry("app.kubernetes.io/instance", "hami").containsEntry("hami-java/monitor", "on");
        var selected = chart.all(DaemonSet.class).stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .map(d -> d.getMetadata().getName()).toList();
        assertThat(selected).containsExactlyInAnyOrder("hami-device-plugin", "hami-device-plugin-cambricon",
                "hami-device-plugin-ascend", "hami-device-plugin-hygon", "hami-device-plugin-metax-gpu",
                "hami-device-plugin-metax-sgpu", "hami-device-plugin-mthreads");
        assertThat(pod(chart, "iluvatar").getContainers()).extracting(Container::getName).containsExactly("device-plugin");
        assertThat(pod(chart, "iluvatar").getVolumes()).extracting(Volume::getName).doesNotContain("monitor-containers");
        assertThat(chart.get(Service.class, "hami-device-plugin-monitor").getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).as("each pod's own port").isEqualTo("metrics"));

        Rendered quiet = render(monitorsOff() + "  nvidia:\n    enabled: false\n");
        assertThat(quiet.find(Service.class, "hami-device-plugin-monitor")).as("no monitor anywhere").isEmpty();
        assertThat(pod(quiet, "ascend").getHostPID()).as("hostPID only for the monitor").isNull();
    }

    static String monitorsOff() {
        var off = new StringBuilder("devices:\n  ascend:\n    enabled: true\n    monitor:\n      enabled: false\n");
        for (String vendor : List.of("cambricon", "hygon", "iluvatar", "mthreads")) {
            off.append("  ").append(vendor).append(":\n    monitor:\n      enabled: false\n");
        }
        off.append("  metax:\n    gpu:\n      monitor:\n        enabled: false\n    sgpu:\n      monitor:\n"
                + "        enabled: false\n");
        return off.toString();
    }

    @Test
    void aMonitorPortThatIsAnotherPluginsOrMonitorsPortIsRefused() {
        assertThatThrownBy(() -> render("devices:\n  hygon:\n    monitor:\n      metricsPort: 9460\n"))
                .hasMessageContaining("devices.hygon.monitor.metricsPort: port 9460 is devices.cambricon.monitor"
                        + ".metricsPort's too");
        assertThatThrownBy(() -> render("devices:\n  mthreads:\n    monitor:\n      metricsPort: 9394\n"))
                .hasMessageContaining("devices.mthreads.monitor.metricsPort: port 9394 is devicePlugin.monitor"
                        + ".metricsPort's too");
        assertThatThrownBy(() -> render("devices:\n  cambricon:\n    monitor:\n      metricsPort: 9450\n"))
                .hasMessageContaining("devices.cambricon.monitor.metricsPort: port 9450 is devices.cambricon.healthPort's too");
    }

    @Test
    void metaxPluginsWhoseSelectorsCanMatchOneNodeAreRefused() {
        assertThatThrownBy(() -> render("devices:\n  metax:\n    sgpu:\n      nodeSelector:\n"
                + "        hami-java/metax: gpu\n")).hasMessageContaining("can select the same node");
        assertThatThrownBy(() -> render("devices:\n  metax:\n    sgpu:\n      nodeSelector:\n"
                + "        hami-java/metax: null\n        pool: b\n")).hasMessageContaining("can select the same node");
    }

    @Test
    void hamisAscendPluginImageIsRefusedNotIgnored() {
        assertThatThrownBy(() -> render(ALL + "    image: projecthami/ascend-device-plugin:v1.1.0\n"))
                .hasMessageContaining("devices.ascend.image (\"projecthami/ascend-device-plugin:v1.1.0\"): hami-java "
                        + "runs its own Ascend plugin");
    }

    /**
     * Each plugin's command line as hami's own parser reads it. Skipped while {@code hami device-plugin} has no
     * {@code --vendor}: the chart is written to that interface ahead of it.
     */
    @Test
    void everyPluginCommandLineIsARealHamiInvocation() throws IOException {
        var deviceplugin = HamiCommand.commandLine(new ByteArrayInputStream(new byte[0])).getSubcommands()
                .get("device-plugin").getCommandSpec();
        Assumptions.assumeTrue(deviceplugin.findOption("--vendor") != null,
                "hami device-plugin has no --vendor yet; the vendor plugins' command lines cannot be parsed");
        Rendered chart = render(ALL);
        for (String vendor : EXPECTED.keySet()) {
            Invocations.assertParses("DaemonSet/hami-device-plugin-" + vendor, plugin(chart, vendor).getArgs());
        }
    }
}
