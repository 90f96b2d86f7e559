package io.hami.cli.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.hami.cli.CliRun;
import io.hami.cli.HamiCommand;
import io.hami.cli.doctor.NodeAgentAccess;
import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.certs.IssuedCertificate;
import io.hami.scheduler.certs.ServingNames;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.daemon.SchedulerDaemon;
import io.hami.scheduler.vendor.DeviceTypes;
import io.hami.testfixtures.kube.Kubeconfigs;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart's RBAC against what the code calls. Each ServiceAccount's rules must equal the access declared here for
 * its component, and the components' real flows against fabric8's mock API server (in CRUD mode) record every request
 * they make: each must be allowed by the rendered rules, and every grant must be used by a flow unless it is listed
 * as not exercised, with the code that needs it.
 */
@EnableKubernetesMockClient(crud = true)
class ChartAccessTest {

    private static final String NS = Chart.NAMESPACE;

    /** What each component calls; the comments name the code. */
    static final Map<String, Set<String>> DECLARED = Map.of(
            "hami-scheduler", Set.of(
                    // InformerFeed: nodes, pods and quotas; Fabric8NodeLockApi and Fabric8ClusterWrites: the lock,
                    // pod and node patches, the owner pod's get; RoleLabeler: the scheduler pods' list and patch.
                    "get nodes", "list nodes", "watch nodes", "patch nodes",
                    "get pods", "list pods", "watch pods", "patch pods",
                    "list resourcequotas", "watch resourcequotas",
                    "create bindings", "create events",
                    // LeaseObserver reads the Lease; the stock kube-scheduler beside it renews it.
                    "get coordination.k8s.io/leases hami-scheduler in " + NS,
                    "update coordination.k8s.io/leases hami-scheduler in " + NS),
            // NodeRegistrar, NodeLockRelease: the node; NodeLockPendingPods, PodAnnotationWriter: the pod being
            // allocated and its Event; InformerPodSource (the monitor, same pod): the informer's list and watch. The
            // list is hami doctor's too, which asks the API server whether its account may make each call.
            "hami-device-plugin", NodeAgentAccess.DEVICE_PLUGIN.stream().map(NodeAgentAccess.Access::toString)
                    .collect(Collectors.toUnmodifiableSet()),
            "hami-certs", Set.of("create secrets in " + NS, "get secrets hami-scheduler-tls in " + NS,
                    "update secrets hami-scheduler-tls in " + NS,
                    "get admissionregistration.k8s.io/mutatingwebhookconfigurations hami-webhook",
                    "update admissionregistration.k8s.io/mutatingwebhookconfigurations hami-webhook"),
            // InstallRuntimeCommand without --runtime-class: the chart owns the RuntimeClass.
            "hami-runtime-installer", Set.of());

    /** Kubernetes' roles the scheduler's account gets for the stock kube-scheduler. */
    static final Set<String> SCHEDULER_BUILT_INS = Set.of("ClusterRole system:kube-scheduler",
            "ClusterRole system:volume-scheduler", "Role extension-apiserver-authentication-reader in kube-system");

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "Kubernetes {0}")
    @ValueSource(strings = {"1.24.17", "1.29.4", "1.33.1"})
    void eachAccountGetsExactlyItsDeclaredAccessAndNoWildcard(String kube) throws IOException {
        Rendered chart = Chart.render(tmp, kube, "");
        for (var entry : DECLARED.entrySet()) {
            var rbac = new ChartRbac(chart, entry.getKey(), NS);
            assertThat(rbac.grants()).as(entry.getKey()).containsExactlyInAnyOrderElementsOf(entry.getValue());
            assertThat(rbac.words()).as(entry.getKey()).noneMatch(w -> w.contains("*"));
            assertThat(rbac.builtIns()).as(entry.getKey()).isEqualTo(entry.getKey().equals("hami-scheduler")
                    ? SCHEDULER_BUILT_INS : Set.of());
        }
    }

    @Test
    void theCertsCommandUsesExactlyItsGrants() throws Exception {
        Rendered chart = Chart.render(tmp, "1.29.4", "");
        client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(
                new MutatingWebhookConfigurationBuilder().withNewMetadata().withName("hami-webhook").endMetadata()
                        .addNewWebhook().withName("vgpu.hami.io").withNewClientConfig().withNewService()
                        .withName("hami-scheduler").withNamespace(NS).withPath("/webhook").endService()
                        .endClientConfig().endWebhook().build()).create();
        drain();
        var kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "token");
        var used = new ArrayList<ApiAccess>();
        for (String phase : List.of("pre", "post")) {
            var job = ChartTest.container(chart, "Job/hami-certs-" + phase + "/certs");
            var args = new ArrayList<>(job.getArgs());
            args.add("--kubeconfig=" + kubeconfig);
            if (phase.equals("post")) {
                // A certificate for another Service makes the post Job reissue: update joins create.
                var secret = client.secrets().inNamespace(NS).withName("hami-scheduler-tls").get();
                var other = IssuedCertificate.issue(new ServingNames("other", NS, "cluster.local"),
                        Duration.ofDays(30), Instant.now());
                secret.getData().put("tls.crt", java.util.Base64.getEncoder().encodeToString(
                        other.servingPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                client.secrets().inNamespace(NS).resource(secret).update();
                drain();
            }
            CliRun run = CliRun.run("", args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isZero();
            used.addAll(drain());
        }
        assertUsesExactly(chart, "hami-certs", used, Set.of());
    }

    @Test
    void theSchedulerStaysWithinItsGrants() throws Exception {
        Rendered chart = Chart.render(tmp, "1.29.4", "");
        var issued = IssuedCertificate.issue(new ServingNames("hami-scheduler", NS, "cluster.local"),
                Duration.ofDays(1), Instant.now());
        Path cert = Files.writeString(tmp.resolve("tls.crt"), issued.servingPem());
        Path key = Files.writeString(tmp.resolve("tls.key"), issued.keyPem());

        String self = "hami-scheduler-7d9f-abcde";
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(self)
                .addToLabels("app.kubernetes.io/component", "hami-scheduler").endMetadata().withNewSpec()
                .addNewContainer().withName("hami-scheduler").withImage("hami-java").endContainer().endSpec().build())
                .create();
        client.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata().withName("hami-scheduler")
                .endMetadata().withNewSpec().withHolderIdentity(self + "_4f1c").withLeaseDurationSeconds(15)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build()).create();
        var device = NodeDevice.of("GPU-0", 0, 10, 16000, 100, "NVIDIA", 0, "hami-core", true);
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1")
                .addToAnnotations("hami.io/node-nvidia-register",
                        NodeRegisterCodec.INSTANCE.encode(new NodeRegistration(List.of(device))))
                // A fresh lock whose owner pod is gone: bind reads the owner, then takes the lock over.
                // Written by the codec: OffsetDateTime.toString() drops ":00" seconds, which Go's RFC 3339 refuses.
                .addToAnnotations("hami.io/mutex.lock", NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(
                        java.time.OffsetDateTime.now(ZoneOffset.UTC), new PodRef("default", "gone"))))
                .endMetadata().withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity("10")).endStatus()
                .build()).create();

        var types = DeviceTypes.defaults();
        var config = new DaemonConfig(SchedulerConfig.defaults(types), Optional.empty(),
                new DaemonConfig.Endpoint("127.0.0.1", 0), new DaemonConfig.Endpoint("127.0.0.1", 0),
                Optional.of(new DaemonConfig.Tls(cert, key)),
                "hami-scheduler", true, new DaemonConfig.Endpoint("127.0.0.1", 0), false, Map.of(),
                Duration.ofMinutes(5), Duration.ofSeconds(2), DaemonConfig.DEFAULT_NODE_LOCK_WAIT,
                new DaemonConfig.Leader(true, "hami-scheduler", NS, self), new DaemonConfig.Self(self, NS),
                new DaemonConfig.Timing(Duration.ofHours(1), Duration.ofSeconds(20), Duration.ofMinutes(5),
                        Duration.ofMillis(200)), Map.of("version", "test"));
        // The daemon's own client, told apart from the test's by its user agent.
        try (KubernetesClient daemonClient = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client.getConfiguration()).withUserAgent("hami-scheduler-under-test").build())
                .build()) {
            drain();
            var daemon = SchedulerDaemon.start(config, daemonClient, Clock.systemUTC());
            try (HttpClient http = HttpClient.newBuilder().sslContext(trusting(issued)).build()) {
                daemon.synced().get(30, TimeUnit.SECONDS);
                await("the leader labels its pod", () -> "leader".equals(client.pods().inNamespace(NS)
                        .withName(self).get().getMetadata().getLabels().get("hami.io/scheduler-role")));
                daemon.registerNow();

                Pod pod = new PodBuilder().withNewMetadata().withName("train").withNamespace("default")
                        .endMetadata().withNewSpec().withSchedulerName("hami-scheduler").addNewContainer()
                        .withName("main").withImage("cuda").withNewResources()
                        .addToLimits("nvidia.com/gpu", new Quantity("1"))
                        .addToLimits("nvidia.com/gpumem", new Quantity("3000")).endResources().endContainer()
                        .endSpec().build();
                String json = client.getKubernetesSerialization().asJson(pod);
                post(http, daemon, "/webhook", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                        + "\"request\":{\"uid\":\"r1\",\"namespace\":\"default\",\"object\":" + json + "}}");
                Pod created = client.pods().inNamespace("default").resource(pod).create();
                String filtered = post(http, daemon, "/filter", "{\"Pod\":" + client.getKubernetesSerialization()
                        .asJson(created) + ",\"NodeNames\":[\"n1\"]}");
                assertThat(filtered).contains("\"NodeNames\":[\"n1\"]");
                await("the informer brings the pod", () -> daemon.cache().pod("default", "train").isPresent()
                        && daemon.cache().pod("default", "train").get().getMetadata().getAnnotations() != null
                        && daemon.cache().pod("default", "train").get().getMetadata().getAnnotations()
                        .containsKey("hami.io/vgpu-node"));
                String bound = post(http, daemon, "/bind", "{\"PodName\":\"train\",\"PodNamespace\":\"default\","
                        + "\"PodUID\":\"" + created.getMetadata().getUid() + "\",\"Node\":\"n1\"}");
                assertThat(bound).contains("\"Error\":\"\"");
                await("the filter's Event is recorded", () -> !client.v1().events().inNamespace("default").list()
                        .getItems().isEmpty());
            } finally {
                daemon.close();
            }
        }
        var used = drain("hami-scheduler-under-test");
        // kube-scheduler, not our code, renews the Lease.
        assertUsesExactly(chart, "hami-scheduler", used,
                Set.of("update coordination.k8s.io/leases hami-scheduler in " + NS));
    }

    @Test
    void theDevicePluginPodStaysWithinItsGrants() throws Exception {
        Rendered chart = Chart.render(tmp, "1.29.4", "");
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build()).create();
        client.pods().inNamespace("ml").resource(new PodBuilder().withNewMetadata().withName("trainer")
                .addToLabels("hami.io/vgpu-node", "n1").endMetadata().withNewSpec().addNewContainer().withName("cuda")
                .withImage("cuda").endContainer().endSpec().build()).create();
        NvmlMock.current().useProfile(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
        var kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "secret");
        var dir = Files.createDirectories(tmp.resolve("dp"));
        drain();
        var used = new ArrayList<ApiAccess>();

        // The device plugin, with the chart's flags where they do not name the node's paths.
        try (var kubelet = FakeKubelet.start(dir); var pool = Executors.newSingleThreadExecutor()) {
            var cli = HamiCommand.commandLine(new ByteArrayInputStream(new byte[0]));
            var args = new ArrayList<>(ChartTest.nvidiaDaemonArgs(chart, "device-plugin").stream().filter(a -> !a.startsWith("--node-name") && !a.startsWith("--device-plugin-dir")
                            && !a.startsWith("--hook-path") && !a.startsWith("--device-config-file")
                            && !a.startsWith("--health-address") && !a.startsWith("--node-config-file")).toList());
            args.addAll(List.of("--node-name=n1", "--kubeconfig=" + kubeconfig, "--device-plugin-dir=" + dir,
                    "--hook-path=" + tmp.resolve("hook"), "--vgpu-lock-dir=" + tmp.resolve("lock"),
                    "--nvml-library=" + NvmlMock.current().library(), "--health-address=127.0.0.1:0"));
            var exit = pool.submit(() -> cli.execute(args.toArray(String[]::new)));
            kubelet.awaitRegistrations(1, Duration.ofSeconds(20));
            await("the node's devices are registered", () -> {
                var annotations = client.nodes().withName("n1").get().getMetadata().getAnnotations();
                return annotations != null && annotations.containsKey("hami.io/node-nvidia-register");
            });
            var command = (io.hami.cli.deviceplugin.DevicePluginCommand) cli.getSubcommands().get("device-plugin")
                    .getCommand();
            stop(command);
            assertThat(exit.get()).isZero();
        }
        used.addAll(drain());

        // The monitor beside it, with the chart's flags where they do not name the node's paths.
        var flags = new java.util.HashMap<String, String>();
        var monitorArgs = ChartTest.nvidiaDaemonArgs(chart, "monitor");
        for (String a : monitorArgs.subList(1, monitorArgs.size())) {
            int eq = a.indexOf('=');
            flags.put(a.substring(2, eq), a.substring(eq + 1));
        }
        flags.putAll(Map.of("node-name", "n1", "hook-path", Files.createDirectories(tmp.resolve("vgpu")).toString(),
                "metrics-bind-address", "127.0.0.1:0", "nvml-library", NvmlMock.current().library(),
                "kubeconfig", kubeconfig.toString(), "mig-apply-lock", tmp.resolve("mig.lock").toString()));
        var monitor = io.hami.monitor.MonitorDaemon.start(io.hami.monitor.config.MonitorConfig.load(flags, Map.of(),
                Optional.empty()), io.hami.monitor.metrics.BuildInfo.of("test", "", ""));
        try {
            var watched = new ArrayList<ApiAccess>();
            await("the monitor watches its node's pods", () -> {
                try {
                    watched.addAll(drain());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return watched.stream().anyMatch(a -> a.verb().equals("watch"));
            });
            used.addAll(watched);
        } finally {
            monitor.close();
        }
        used.addAll(drain());
        // Allocate's pod reads, annotations and Events are not driven here: they need kubelet's Allocate of a pod
        // that the scheduler bound (the device plugin's own tests drive them).
        assertUsesExactly(chart, "hami-device-plugin", used, Set.of("get pods", "patch pods", "create events"));
    }

    private static void stop(io.hami.cli.deviceplugin.DevicePluginCommand command) throws Exception {
        // stopAndWait is package-private to its tests; the shutdown path is the same as SIGTERM's.
        var method = command.getClass().getDeclaredMethod("stopAndWait");
        method.setAccessible(true);
        method.invoke(command);
    }

    /**
     * Every request must be allowed by the account's rules; the grants they used plus {@code unused} must be all the
     * account has.
     */
    private static void assertUsesExactly(Rendered chart, String account, List<ApiAccess> requests,
                                          Set<String> unused) {
        assertThat(requests).as("requests recorded").isNotEmpty();
        var rbac = new ChartRbac(chart, account, NS);
        var used = new TreeSet<String>();
        for (ApiAccess a : requests) {
            Optional<String> grant = rbac.grantFor(a);
            assertThat(grant).as(account + " may " + a).isPresent();
            used.add(grant.get());
        }
        var expected = new TreeSet<>(rbac.grants());
        expected.removeAll(unused);
        assertThat(used).as(account + ": grants used by the flow").containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The requests recorded since the last drain, as RBAC sees them. */
    private List<ApiAccess> drain() throws InterruptedException {
        return drain(null);
    }

    /** Those whose User-Agent contains the mark (all when it is null); the others are dropped. */
    private List<ApiAccess> drain(String userAgentMark) throws InterruptedException {
        var out = new ArrayList<ApiAccess>();
        while (true) {
            var request = server.takeRequest(200, TimeUnit.MILLISECONDS);
            if (request == null) {
                return out;
            }
            String agent = String.valueOf(request.getHeader("User-Agent"));
            if (userAgentMark == null || agent.contains(userAgentMark)) {
                out.add(ApiAccess.of(request.getMethod(), request.getPath()));
            }
        }
    }

    private static SSLContext trusting(IssuedCertificate issued) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", issued.ca());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String post(HttpClient http, SchedulerDaemon daemon, String path, String body) throws Exception {
        int port = path.equals("/webhook") ? daemon.webhookPort() : daemon.httpPort();
        var response = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static void await(String what, BooleanSupplier condition) {
        io.hami.testfixtures.wait.Eventually.until(Duration.ofSeconds(20), what, condition);
    }
}
