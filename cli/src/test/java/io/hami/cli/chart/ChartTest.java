package io.hami.cli.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hami.cli.CliRun;
import io.hami.model.config.DeviceConfigCodec;
import io.hami.model.vendor.ConfiguredVendors;
import io.hami.model.vendor.ResourceNames;
import io.hami.model.vendor.VendorDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code helm lint} and {@code helm template} of charts/hami-java for Kubernetes 1.24, 1.29 and 1.33, with the default
 * values and with non-default ones (cert-manager, ServiceMonitors, Ascend enabled, custom resource names, two
 * replicas, ClusterIP services, no runtime installer). Every rendered object is read into fabric8's typed model; the
 * scheduler configuration, the commands and flags, the device config and the RBAC rules are checked against the code.
 */
class ChartTest {

    /** Values a user changes: everything that switches a template branch. */
    static final String CUSTOM = """
            schedulerName: gpu-scheduler
            resourceName: example.com/vgpu
            resourceMem: example.com/vgpu-memory
            resourceCores: example.com/vgpu-cores
            legacyMetrics: true
            image:
              repository: registry.example.com/hami-java
              tag: "1.2.3"
            scheduler:
              replicas: 2
              leaderElect: true
              certManager:
                enabled: true
              nodeLabelSelector:
                gpu: "on"
                pool: a
              defaultSchedulerPolicy:
                nodeSchedulerPolicy: spread
                gpuSchedulerPolicy: binpack
              metricsBindAddress: ":9495"
              kubeQPS: 50
              kubeBurst: 100
              allocationPage:
                enabled: true
                port: 9397
              service:
                type: ClusterIP
              metricsService:
                type: NodePort
            serviceMonitor:
              enabled: true
            devicePlugin:
              nodeAgent: false
              deviceSplitCount: 4
              deviceMemoryScaling: 1.5
              deviceCoreScaling: 2
              service:
                type: ClusterIP
            devices:
              ascend:
                enabled: true
                hamiVnpuCore: true
              mthreads:
                enabled: false
            runtimeInstaller:
              enabled: false
            """;

    record Case(String kube, String label, String values) {
        @Override
        public String toString() {
            return label + " values on " + kube;
        }

        boolean custom() {
            return !values.isEmpty();
        }

        int minor() {
            return Integer.parseInt(kube.split("\\.")[1]);
        }
    }

    static Stream<Case> cases() {
        return Stream.of("1.24.17", "1.29.4", "1.33.1").flatMap(v -> Stream.of(new Case(v, "default", ""),
                new Case(v, "custom", CUSTOM)));
    }

    @TempDir
    static Path work;

    private static final Map<Case, Rendered> RENDERED = new ConcurrentHashMap<>();
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    static Rendered render(Case c) {
        return RENDERED.computeIfAbsent(c, k -> {
            try {
                return Chart.render(work, k.kube(), k.values());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String scheduler(Case c) {
        return "hami-scheduler";
    }

    private static String schedulerName(Case c) {
        return c.custom() ? "gpu-scheduler" : "hami-scheduler";
    }

    @Test
    void lintsCleanly() throws IOException {
        var lint = Chart.lint(work, "1.29.4");
        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        // Only the advice to add an icon; a template that fails would show here as "[INFO] ... Fail: ...".
        assertThat(lint.getMessages()).containsExactly("[INFO] Chart.yaml: icon is recommended");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyObjectIsTypedAndNamespaced(Case c) {
        Rendered chart = render(c);
        assertThat(chart.objects()).hasSizeGreaterThan(15);
        var untyped = new TreeSet<String>();
        for (HasMetadata o : chart.objects()) {
            if (Chart.untyped(o)) {
                untyped.add(o.getApiVersion() + " " + o.getKind());
            }
        }
        // fabric8 has no typed model of these two operators' resources; nothing else may be unknown.
        assertThat(untyped).isSubsetOf("monitoring.coreos.com/v1 ServiceMonitor", "cert-manager.io/v1 Issuer",
                "cert-manager.io/v1 Certificate");
        assertThat(chart.all(Deployment.class)).hasSize(1);
        // NVIDIA's plugin, the runtime installer (default only) and one plugin per other vendor: six by default,
        // Ascend in and Moore Threads out with the custom values (ChartVendorPluginsTest).
        assertThat(chart.all(DaemonSet.class)).hasSize(c.custom() ? 1 + 6 : 2 + 6);
        for (HasMetadata o : chart.objects()) {
            String ns = o.getMetadata().getNamespace();
            boolean clusterScoped = Set.of("ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration",
                    "RuntimeClass").contains(o.getKind());
            if (clusterScoped) {
                assertThat(ns).as(o.getKind() + " " + o.getMetadata().getName()).isNull();
            } else if (!"kube-system".equals(ns)) {
                assertThat(ns).as(o.getKind() + " " + o.getMetadata().getName()).isEqualTo(Chart.NAMESPACE);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kubeSchedulerGetsTheConfigurationOfItsVersionAndTheExtenderManagesEveryResourceOfTheEnabledVendors(Case c)
            throws Exception {
        Rendered chart = render(c);
        var config = YAML.unmarshal(chart.configData(scheduler(c) + "-config", "config.yaml"),
                GenericKubernetesResource.class);
        assertThat(config.getKind()).isEqualTo("KubeSchedulerConfiguration");
        assertThat(config.getApiVersion()).isEqualTo(c.minor() >= 25 ? "kubescheduler.config.k8s.io/v1"
                : "kubescheduler.config.k8s.io/v1beta3");
        Map<String, Object> props = config.getAdditionalProperties();
        assertThat(props).extractingByKey("leaderElection").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("leaderElect", true).containsEntry("resourceName", schedulerName(c))
                .containsEntry("resourceNamespace", Chart.NAMESPACE);
        assertThat(props.get("profiles")).isEqualTo(List.of(Map.of("schedulerName", schedulerName(c))));
        @SuppressWarnings("unchecked")
        var extenders = (List<Map<String, Object>>) props.get("extenders");
        assertThat(extenders).hasSize(1);
        var extender = extenders.getFirst();
        assertThat(extender).containsEntry("urlPrefix", "https://127.0.0.1:8443").containsEntry("filterVerb", "filter")
                .containsEntry("bindVerb", "bind").containsEntry("nodeCacheCapable", true)
                .containsEntry("enableHTTPS", true)
                .containsEntry("tlsConfig", Map.of("insecure", false, "caFile", "/tls/ca.crt"));

        // The resource names, from the model's descriptors of the device config the chart renders.
        var devices = DeviceConfigCodec.INSTANCE.decode(chart.configData(scheduler(c).replace("scheduler",
                "device-config"), "device-config.yaml"));
        var expected = new TreeSet<String>();
        for (VendorDescriptor d : ConfiguredVendors.from(devices).all()) {
            ResourceNames r = d.resources();
            expected.add(r.count());
            Stream.of(r.memory(), r.memoryPercentage(), r.cores(), r.priority()).flatMap(Optional::stream)
                    .forEach(expected::add);
        }
        @SuppressWarnings("unchecked")
        var managed = (List<Map<String, Object>>) extender.get("managedResources");
        assertThat(managed).allSatisfy(m -> assertThat(m).containsEntry("ignoredByScheduler", true));
        assertThat(managed.stream().map(m -> (String) m.get("name")).toList())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        if (c.custom()) {
            assertThat(expected).contains("example.com/vgpu", "example.com/vgpu-memory", "huawei.com/Ascend910B3")
                    .doesNotContain("nvidia.com/gpu", "mthreads.com/vgpu");
        } else {
            assertThat(expected).contains("nvidia.com/gpu", "nvidia.com/gpumem", "nvidia.com/priority",
                    "cambricon.com/vmlu", "metax-tech.com/sgpu", "kunlunxin.com/vxpu-memory", "enflame.com/drs-gcu",
                    "aws.amazon.com/neuroncore", "amd.com/gpumem", "vastaitech.com/va", "birentech.com/gpu")
                    .noneMatch(n -> n.startsWith("huawei.com/"));
        }

        Container kubeScheduler = container(chart, "Deployment/" + scheduler(c) + "/kube-scheduler");
        assertThat(kubeScheduler.getImage()).isEqualTo("registry.k8s.io/kube-scheduler:v" + c.kube());
        assertThat(kubeScheduler.getCommand()).contains("kube-scheduler", "--config=/config/config.yaml");
        assertThat(mountPaths(kubeScheduler)).contains("/config", "/tls");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyHamiInvocationIsARealSubcommandWithRealFlags(Case c) throws Exception {
        Rendered chart = render(c);
        String image = c.custom() ? "registry.example.com/hami-java:1.2.3" : "hami-java:0.1.0";
        var invocations = new ArrayList<Map.Entry<String, List<String>>>();
        for (var entry : chart.containers()) {
            Container ct = entry.getValue();
            if (ct.getImage().startsWith("registry.k8s.io/kube-scheduler:")) {
                continue;
            }
            assertThat(ct.getImage()).as(entry.getKey()).isEqualTo(image);
            List<String> command = Optional.ofNullable(ct.getCommand()).orElse(List.of());
            if (command.equals(List.of("sleep", "infinity"))) {
                assertThat(ct.getLifecycle().getPreStop().getExec().getCommand()).as(entry.getKey())
                        .startsWith(Invocations.HAMI);
                invocations.add(Map.entry(entry.getKey() + "/preStop",
                        ct.getLifecycle().getPreStop().getExec().getCommand()));
                continue;
            }
            assertThat(command).as(entry.getKey()).containsExactly(Invocations.HAMI);
            if (entry.getKey().startsWith("DaemonSet/hami-device-plugin-")) {
                continue; // the other vendors' plugins: ChartVendorPluginsTest parses their command lines
            }
            invocations.add(Map.entry(entry.getKey(), ct.getArgs()));
            if (Invocations.subcommand(ct.getArgs()).equals("node-agent")) {
                for (List<String> part : Invocations.commands(ct.getArgs())) {
                    invocations.add(Map.entry(entry.getKey() + "/" + part.getFirst(), part));
                }
            }
        }
        assertThat(invocations).isNotEmpty();
        for (var invocation : invocations) {
            List<String> args = invocation.getValue().getFirst().equals(Invocations.HAMI)
                    ? invocation.getValue().subList(1, invocation.getValue().size()) : invocation.getValue();
            Invocations.assertParses(invocation.getKey(), args);
        }
        var seen = invocations.stream().map(i -> Invocations.subcommand(i.getValue())).toList();
        assertThat(seen).contains("scheduler", "device-plugin", "monitor");
        // the monitor must know the resource the plugin registers, or it cannot tell which container owns an entry
        assertThat(invocations.stream().filter(i -> Invocations.subcommand(i.getValue()).equals("monitor")).findFirst()
                .orElseThrow().getValue()).anyMatch(a -> a.matches("--resource-name=[a-z0-9.-]+/[A-Za-z0-9._-]+"));
        if (!c.custom()) {
            assertThat(seen).contains("certs", "install", "uninstall");
        }

        // The scheduler's flags as its own validation sees them, with the device config the chart renders.
        Container hami = container(chart, "Deployment/" + scheduler(c) + "/hami-scheduler");
        Path deviceConfig = Files.createTempFile(work, "device-config", ".yaml");
        Files.writeString(deviceConfig, chart.configData(scheduler(c).replace("scheduler", "device-config"),
                "device-config.yaml"));
        var args = new ArrayList<String>();
        for (String a : hami.getArgs()) {
            args.add(a.startsWith("--device-config-file=") ? "--device-config-file=" + deviceConfig : a);
        }
        args.add("--print-config");
        CliRun run = CliRun.run("", args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("scheduler-name: " + schedulerName(c))
                .contains("http: 127.0.0.1:8443 (https, cert /tls/tls.crt, key /tls/tls.key; /filter, /bind for "
                        + "loopback only)")
                .contains("webhook: :9443 (https, cert /tls/tls.crt, key /tls/tls.key; /webhook)")
                .contains("leader-elect: " + Chart.NAMESPACE + "/" + schedulerName(c));
        if (c.custom()) {
            assertThat(run.out()).contains("node-scheduler-policy: spread", "gpu-scheduler-policy: binpack",
                    "node-label-selector: {gpu=on, pool=a}", "metrics: :9495 (plain http; /metrics, with legacy names)",
                    "kube-api: 50.0 requests/s, bursts of 100",
                    "allocation page: :9397 (plain http; read-only /, /allocation.json)");
        } else {
            assertThat(run.out()).contains("kube-api: 5.0 requests/s, bursts of 10");
            assertThat(run.out()).as("off by default").contains("allocation page: off");
        }
        for (String daemon : List.of("device-plugin", "monitor")) {
            assertThat(nvidiaDaemonArgs(chart, daemon)).as(daemon).contains("--kube-qps=5", "--kube-burst=10");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theDevicePluginPodHasHostPidTheNodeSelectorAndTheMountsOfTheSpec(Case c) {
        Rendered chart = render(c);
        var ds = chart.get(DaemonSet.class, "hami-device-plugin");
        var pod = ds.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostPID()).isTrue();
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("gpu", "on"));
        Container plugin = container(chart, "DaemonSet/hami-device-plugin/device-plugin");
        Container monitor = c.custom() ? container(chart, "DaemonSet/hami-device-plugin/monitor") : plugin;
        assertThat(mountPaths(plugin)).contains("/var/lib/kubelet/device-plugins", "/usr/local/vgpu", "/tmp/vgpulock",
                "/device-config", "/tmp/hami");
        assertThat(mountPaths(monitor)).contains("/usr/local/vgpu", "/tmp/vgpulock", "/tmp/hami");
        assertThat(nvidiaDaemonArgs(chart, "device-plugin")).contains("--device-split-count=" + (c.custom() ? 4 : 10),
                "--device-memory-scaling=" + (c.custom() ? "1.5" : "1"), "--node-config-file=/config/config.json",
                "--device-list-strategy=envvar", "--mig-strategy=none", "--pass-device-specs=false");
        assertThat(mountPaths(plugin)).contains("/config");
        // HAMi's per-node configuration: no checksum rolls the pods on an edit; the plugin reads the file again.
        assertThat(chart.configData("hami-device-plugin", "config.json").strip()).isEqualTo("{\"nodeconfig\": []}");
        assertThat(ds.getSpec().getTemplate().getMetadata().getAnnotations()).doesNotContainKey("checksum/node-config");
        assertThat(monitor.getPorts()).filteredOn(p -> "metrics".equals(p.getName())).singleElement()
                .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(9394));

        var monitorService = chart.get(Service.class, "hami-device-plugin-monitor");
        ServicePort port = monitorService.getSpec().getPorts().getFirst();
        assertThat(port.getPort()).isEqualTo(9394);
        var schedulerService = chart.get(Service.class, "hami-scheduler");
        assertThat(schedulerService.getSpec().getSelector()).containsEntry("app.kubernetes.io/component",
                "hami-scheduler").containsEntry("hami.io/scheduler-role", "leader");
        assertThat(schedulerService.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(schedulerService.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(443);
        var metricsService = chart.get(Service.class, "hami-scheduler-metrics");
        assertThat(metricsService.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(9395);
        if (c.custom()) {
            assertThat(monitorService.getSpec().getType()).isEqualTo("ClusterIP");
            assertThat(metricsService.getSpec().getPorts()).extracting(ServicePort::getNodePort).containsExactly(31993);
            assertThat(chart.find(RuntimeClass.class, "hami")).isEmpty();
        } else {
            assertThat(port.getNodePort()).isEqualTo(31992);
            assertThat(metricsService.getSpec().getType()).isEqualTo("ClusterIP");
            assertThat(metricsService.getSpec().getPorts()).extracting(ServicePort::getNodePort).containsOnlyNulls();
            assertThat(chart.get(RuntimeClass.class, "hami").getHandler()).isEqualTo("hami");
            var installer = chart.get(DaemonSet.class, "hami-runtime-installer").getSpec().getTemplate().getSpec();
            assertThat(installer.getInitContainers().getFirst().getSecurityContext().getPrivileged()).isTrue();
            assertThat(installer.getInitContainers().getFirst().getArgs()).containsSubsequence("install", "runtime",
                    "--host-root=/host", "--restart=systemd");
            assertThat(installer.getHostPID()).as("the restart goes through chroot, not the host's PID 1").isNull();
            assertThat(chart.get(io.fabric8.kubernetes.api.model.ServiceAccount.class, "hami-runtime-installer")
                    .getAutomountServiceAccountToken()).as("the installer needs no API access").isFalse();
            assertThat(installer.getVolumes()).anySatisfy(v -> assertThat(v.getHostPath().getPath()).isEqualTo("/"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void certificatesComeFromTheCertsJobsOrCertManager(Case c) {
        Rendered chart = render(c);
        var webhook = chart.get(MutatingWebhookConfiguration.class, "hami-webhook");
        var hook = webhook.getWebhooks().getFirst();
        assertThat(hook.getClientConfig().getService().getName()).isEqualTo("hami-scheduler");
        assertThat(hook.getClientConfig().getService().getPath()).isEqualTo("/webhook");
        assertThat(hook.getFailurePolicy()).isEqualTo(c.minor() >= 28 ? "Fail" : "Ignore");
        assertThat(webhook.getWebhooks()).allSatisfy(w -> assertThat(w.getClientConfig().getService().getName())
                .isEqualTo("hami-scheduler"));
        var jobs = chart.all(Job.class);
        if (c.custom()) {
            assertThat(jobs).isEmpty();
            assertThat(webhook.getMetadata().getAnnotations()).containsEntry("cert-manager.io/inject-ca-from",
                    Chart.NAMESPACE + "/hami-scheduler-serving");
            var serving = chart.ofKind("cert-manager.io/v1", "Certificate").stream()
                    .filter(o -> o.getMetadata().getName().equals("hami-scheduler-serving")).findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            var spec = (Map<String, Object>) ((GenericKubernetesResource) serving).getAdditionalProperties()
                    .get("spec");
            assertThat(spec).containsEntry("secretName", "hami-scheduler-tls")
                    .containsEntry("ipAddresses", List.of("127.0.0.1"));
            assertThat(spec.get("dnsNames")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .contains("hami-scheduler.hami-system.svc");
            assertThat(chart.ofKind("monitoring.coreos.com/v1", "ServiceMonitor")).hasSize(2);
        } else {
            assertThat(jobs).extracting(j -> j.getMetadata().getName()).containsExactlyInAnyOrder("hami-certs-pre",
                    "hami-certs-post");
            assertThat(chart.get(Job.class, "hami-certs-pre").getMetadata().getAnnotations())
                    .containsEntry(Chart.HOOK_PREFIX, "pre-install,pre-upgrade");
            assertThat(chart.get(Job.class, "hami-certs-post").getMetadata().getAnnotations())
                    .containsEntry(Chart.HOOK_PREFIX, "post-install,post-upgrade");
            assertThat(container(chart, "Job/hami-certs-post/certs").getArgs())
                    .contains("--webhook-config=hami-webhook", "--secret=hami-scheduler-tls");
            assertThat(chart.ofKind("monitoring.coreos.com/v1", "ServiceMonitor")).isEmpty();
        }
    }

    /**
     * docs/security.md: /filter and /bind listen on the scheduler pod's loopback address, where only the kube-scheduler
     * container beside them reaches them; no Service port and no node port leads to them, and the webhook's Service
     * is ClusterIP.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noServiceOrNodePortExposesFilterOrBind(Case c) throws Exception {
        Rendered chart = render(c);
        var deployment = chart.get(Deployment.class, scheduler(c));
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostNetwork()).as("loopback of the pod, not of the node").isNotEqualTo(Boolean.TRUE);
        Container hami = container(chart, "Deployment/" + scheduler(c) + "/hami-scheduler");
        String bind = hami.getArgs().stream().filter(a -> a.startsWith("--http_bind=")).findFirst().orElseThrow()
                .substring("--http_bind=".length());
        int colon = bind.lastIndexOf(':');
        assertThat(java.net.InetAddress.getByName(bind.substring(0, colon)).isLoopbackAddress()).as(bind).isTrue();
        int extenderPort = Integer.parseInt(bind.substring(colon + 1));
        @SuppressWarnings("unchecked")
        var extenders = (List<Map<String, Object>>) YAML.unmarshal(chart.configData(scheduler(c) + "-config",
                "config.yaml"), GenericKubernetesResource.class).getAdditionalProperties().get("extenders");
        assertThat(extenders.getFirst()).containsEntry("urlPrefix", "https://127.0.0.1:" + extenderPort);
        assertThat(hami.getPorts()).extracting(p -> p.getContainerPort()).doesNotContain(extenderPort);

        var named = new java.util.HashMap<String, Integer>();
        hami.getPorts().forEach(p -> named.put(p.getName(), p.getContainerPort()));
        for (Service service : chart.all(Service.class)) {
            if (!"hami-scheduler".equals(service.getSpec().getSelector().get("app.kubernetes.io/component"))) {
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                var target = port.getTargetPort();
                int to = target.getIntVal() != null ? target.getIntVal() : named.getOrDefault(target.getStrVal(), -1);
                assertThat(to).as("Service %s port %s", service.getMetadata().getName(), port.getName())
                        .isNotEqualTo(extenderPort).isNotEqualTo(-1);
            }
        }
        var webhookService = chart.get(Service.class, scheduler(c));
        assertThat(webhookService.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(webhookService.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getNodePort()).isNull();
            assertThat(named.get(p.getTargetPort().getStrVal())).isEqualTo(9443);
        });
        assertThat(hami.getArgs()).contains("--webhook_bind=:9443");
    }

    @Test
    void removedServiceValuesAreRefusedNotIgnored() {
        assertThatThrownBy(() -> Chart.template(work, "1.29.4", "scheduler:\n  service:\n    type: NodePort\n"))
                .hasMessageContaining("scheduler.service.type: the webhook's Service is ClusterIP only");
        assertThatThrownBy(() -> Chart.template(work, "1.29.4", "scheduler:\n  service:\n    schedulerPort: 31998\n"))
                .hasMessageContaining("scheduler.service.schedulerPort and monitorPort are gone");
    }

    @Test
    void dynamicMigIsAModeAndAnUnknownModeIsRefused() throws IOException {
        var chart = Chart.render(work, "1.29.4", "devicePlugin:\n  mode: mig\n");
        assertThat(nvidiaDaemonArgs(chart, "device-plugin")).contains("--mode=mig");
        assertThatThrownBy(() -> Chart.template(work, "1.29.4", "devicePlugin:\n  mode: time-slicing\n"))
                .hasMessageContaining("devicePlugin.mode: expected hami-core, mps or mig, found \"time-slicing\"");
    }

    @Test
    void theNodeAgentRunsThePluginAndTheMonitorInOneJvmUnlessTurnedOff() throws IOException {
        var agent = Chart.render(work, "1.29.4", "");
        var pod = agent.get(DaemonSet.class, "hami-device-plugin").getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("device-plugin");
        Container one = pod.getContainers().getFirst();
        assertThat(Invocations.subcommand(one.getArgs())).isEqualTo("node-agent");
        assertThat(one.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("health:9440", "metrics:9394");
        assertThat(env(one)).containsEntry("MALLOC_ARENA_MAX", "2").hasEntrySatisfying("HAMI_JAVA_OPTS",
                v -> assertThat(v).contains("-Xmx64m").doesNotContain("\n"));

        var apart = Chart.render(work, "1.29.4", "devicePlugin:\n  nodeAgent: false\n  jvmOptions: \"\"\n"
                + "  mallocArenaMax: null\n");
        var pods = apart.get(DaemonSet.class, "hami-device-plugin").getSpec().getTemplate().getSpec();
        assertThat(pods.getContainers()).extracting(Container::getName).containsExactly("device-plugin", "monitor");
        assertThat(pods.getContainers()).extracting(ct -> Invocations.subcommand(ct.getArgs()))
                .containsExactly("device-plugin", "monitor");
        assertThat(env(pods.getContainers().getFirst())).doesNotContainKeys("HAMI_JAVA_OPTS", "MALLOC_ARENA_MAX");
        assertThat(env(pods.getContainers().getLast())).hasEntrySatisfying("HAMI_JAVA_OPTS",
                v -> assertThat(v).contains("-Xmx48m"));
    }

    @Test
    void theJvmFlagsTheChartGivesAreOnesTheJvmAccepts() throws Exception {
        var separate = Chart.render(work, "1.29.4", "devicePlugin:\n  nodeAgent: false\n");
        var checked = new ArrayList<String>();
        for (var entry : separate.containers()) {
            String flags = env(entry.getValue()).get("HAMI_JAVA_OPTS");
            if (flags == null) {
                continue;
            }
            checked.add(entry.getKey());
            var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(launcherFlags());
            command.addAll(List.of(flags.trim().split("\\s+")));
            command.add("-version");
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(entry.getKey() + ": " + out).isZero();
        }
        assertThat(checked).contains("DaemonSet/hami-device-plugin/device-plugin", "DaemonSet/hami-device-plugin/monitor",
                "Deployment/hami-scheduler/hami-scheduler");
    }

    /** The JVM flags the image's launcher ({@code hami} at the repository's root) puts before HAMI_JAVA_OPTS. */
    private static List<String> launcherFlags() throws IOException {
        String script = Files.readString(Chart.DIR.getParent().getParent().resolve("hami"));
        var m = java.util.regex.Pattern.compile("(?m)^flags=\\(([^)]*)\\)$").matcher(script);
        assertThat(m.find()).as("the launcher's flags=(...) line").isTrue();
        return List.of(m.group(1).trim().split("\\s+"));
    }

    private static Map<String, String> env(Container container) {
        var env = new java.util.LinkedHashMap<String, String>();
        for (var e : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (e.getValue() != null) {
                env.put(e.getName(), e.getValue());
            }
        }
        return env;
    }

    @Test
    void locklessBindsPassTheFlagAndNeedTheRuntimeShim() throws IOException {
        assertThat(nvidiaDaemonArgs(Chart.render(work, "1.29.4", ""), "device-plugin"))
                .contains("--lockless=false");
        var chart = Chart.render(work, "1.29.4", "devicePlugin:\n  lockless: true\n");
        assertThat(nvidiaDaemonArgs(chart, "device-plugin")).contains("--lockless=true");
        assertThatThrownBy(() -> Chart.template(work, "1.29.4", "devicePlugin:\n  lockless: true\nruntimeInstaller:\n"
                + "  enabled: false\n")).hasMessageContaining("devicePlugin.lockless: containers get their limits from the "
                + "runtime shim, so runtimeInstaller.enabled must be true");
    }

    @Test
    void theKubernetesVersionComesFromHelmsCapabilitiesUnlessOverriddenAndOldVersionsAreRefused() {
        // helm-java's library reports Kubernetes 1.20 as the built-in capability: the chart reads it, and refuses it.
        assertThatThrownBy(() -> Chart.template(work, "", "")).hasMessageContaining("Kubernetes 1.20.0: the chart "
                + "needs 1.22 or newer");
        assertThatThrownBy(() -> Chart.template(work, "1.21.3", "")).hasMessageContaining("Kubernetes 1.21.3");
        assertThatThrownBy(() -> Chart.template(work, "1.29", "devicePlugin:\n  migStrategy: dynamic\n"))
                .hasMessageContaining("devicePlugin.migStrategy: expected none, single or mixed, found \"dynamic\"");
        assertThatThrownBy(() -> Chart.template(work, "1.29", "scheduler:\n  kubeScheduler:\n"
                + "    configApiVersion: v2\n")).hasMessageContaining("configApiVersion");
    }

    @Test
    void versionsAndTheOverrideSelectTheSchedulerConfigurationApi() throws Exception {
        for (var entry : Map.of("1.22.0", "v1beta2", "1.23.5", "v1beta3", "1.25.0", "v1", "v1.30.2-eks-1a2b", "v1")
                .entrySet()) {
            String text = Chart.template(work, entry.getKey(), "");
            assertThat(text).contains("apiVersion: kubescheduler.config.k8s.io/" + entry.getValue() + "\n");
        }
        assertThat(Chart.template(work, "1.24.0", "scheduler:\n  kubeScheduler:\n"
                + "    configApiVersion: kubescheduler.config.k8s.io/v1beta2\n"))
                .contains("apiVersion: kubescheduler.config.k8s.io/v1beta2\n");
        assertThat(Chart.template(work, "v1.30.2-eks-1a2b", "")).contains("kube-scheduler:v1.30.2\n");
    }

    /**
     * The command line (from the subcommand on) of the NVIDIA plugin pod's {@code hami device-plugin} or
     * {@code hami monitor}: its own container's, or its part of the node agent's.
     */
    static List<String> nvidiaDaemonArgs(Rendered chart, String command) {
        return chart.containers().stream().filter(e -> e.getKey().startsWith("DaemonSet/hami-device-plugin/"))
                .flatMap(e -> Invocations.commands(e.getValue().getArgs()).stream())
                .filter(args -> args.getFirst().equals(command)).findFirst()
                .orElseThrow(() -> new AssertionError("no hami " + command + " in the plugin's DaemonSet"));
    }

    static Container container(Rendered chart, String path) {
        return chart.containers().stream().filter(e -> e.getKey().equals(path)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + path + " among "
                        + chart.containers().stream().map(Map.Entry::getKey).toList()));
    }

    static List<String> mountPaths(Container c) {
        return c.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
    }
}
