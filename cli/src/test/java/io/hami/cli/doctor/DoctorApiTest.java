package io.hami.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.hami.cli.CliRun;
import io.hami.cli.HamiCommand;
import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.testfixtures.kube.Kubeconfigs;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami doctor} against fabric8's mock API server in CRUD mode: the node's registration and locks, RBAC by
 * SelfSubjectAccessReview, and {@code --pod}.
 */
@EnableKubernetesMockClient(crud = true)
class DoctorApiTest {

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path tmp;

    private Path kubeconfig;

    @BeforeEach
    void cluster() throws Exception {
        kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "secret");
        NvmlMock.current().useProfile(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
    }

    private void node(String name, boolean registered, String lock) {
        var meta = new NodeBuilder().withNewMetadata().withName(name);
        if (registered) {
            meta.addToAnnotations("hami.io/node-nvidia-register", NodeRegisterCodec.INSTANCE.encode(new NodeRegistration(
                    List.of(NodeDevice.of("GPU-0", 0, 10, 16000, 100, "NVIDIA", 0, "hami-core", true)))));
        }
        if (lock != null) {
            meta.addToAnnotations(HamiAnnotations.NODE_LOCK, lock);
        }
        client.nodes().resource(meta.endMetadata().withNewStatus().addToAllocatable("nvidia.com/gpu",
                new Quantity(registered ? "10" : "0")).endStatus().build()).create();
    }

    private void allowEverything() {
        answerReviews(true);
    }

    private void answerReviews(boolean allowed) {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReturn(201, new SelfSubjectAccessReviewBuilder().withNewStatus().withAllowed(allowed).endStatus()
                        .build()).times(NodeAgentAccess.DEVICE_PLUGIN.size());
    }

    private DoctorNodeTest.Run onNode(Clock clock, String... args) {
        var all = new ArrayList<>(List.of("--json", "--kubeconfig", kubeconfig.toString(), "--host-root",
                tmp.resolve("host").toString(), "--vendor", "nvidia", "--library", NvmlMock.current().library()));
        all.addAll(List.of(args));
        return DoctorNodeTest.run(Map.of(), clock, all);
    }

    @Test
    void aLockHeldPastItsExpiryIsStaleAndNamesItsOwner() throws Exception {
        allowEverything();
        var taken = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        node("stale", true, NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(taken, new PodRef("default", "train-0"))));
        var run = onNode(Clock.systemUTC(), "--node", "stale");
        assertThat(run.ids()).contains("node.stale-lock").doesNotContain("node.unregistered", "rbac.denied");
        assertThat(run.out()).contains("hami.io/mutex.lock on node stale was taken", "by default/train-0 and expired "
                + "after 300 s", "nvidia: 1 device(s) registered, nvidia.com/gpu allocatable 10", "may patch nodes");
    }

    @Test
    void aFreshLockOfAPodThatIsGoneIsOrphaned() throws Exception {
        allowEverything();
        node("orphaned", true, NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(OffsetDateTime.now(ZoneOffset.UTC),
                new PodRef("default", "gone"))));
        assertThat(onNode(Clock.systemUTC(), "--node", "orphaned").ids()).contains("node.orphaned-lock");
    }

    @Test
    void devicesOnTheNodeThatTheNodeDoesNotRegisterAreAnError() throws Exception {
        allowEverything();
        node("n2", false, null);
        assertThat(onNode(Clock.systemUTC(), "--node", "n2").ids()).contains("node.unregistered");
    }

    @Test
    void eachCallTheAccountMayNotMakeIsAnError() throws Exception {
        answerReviews(false);
        node("denied", true, null);
        var run = onNode(Clock.systemUTC(), "--node", "denied");
        assertThat(run.ids().stream().filter("rbac.denied"::equals)).hasSize(NodeAgentAccess.DEVICE_PLUGIN.size());
        assertThat(run.out()).contains("this account may not patch nodes: the device plugin registers its devices");
    }

    @Test
    void aPodNoNodeFitsGetsEachNodesReasonInPlainWords() throws Exception {
        node("small", true, null);
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("big")
                .withNamespace("default").endMetadata().withNewSpec().withSchedulerName("hami-scheduler")
                .withContainers(new ContainerBuilder().withName("cuda").withImage("cuda").withNewResources()
                        .addToLimits("nvidia.com/gpu", new Quantity("1"))
                        .addToLimits("nvidia.com/gpumem", new Quantity("32000")).endResources().build())
                .endSpec().withNewStatus().withPhase("Pending").endStatus().build()).create();
        var run = DoctorNodeTest.run(Map.of(), Clock.systemUTC(), List.of("--json", "--kubeconfig",
                kubeconfig.toString(), "--pod", "default/big"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.ids()).containsExactly("pod.unschedulable");
        assertThat(run.out()).contains("stage: waiting for the filter",
                "small: 1/1 CardInsufficientMemory (1 of 1 devices too little free memory)");
    }

    @Test
    void aPodWhoseAllocateFailedSaysWhereAndWhatToDo() throws Exception {
        node("failing", true, null);
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("p")
                .withNamespace("default").addToAnnotations(HamiAnnotations.VGPU_NODE, "failing")
                .addToAnnotations(HamiAnnotations.BIND_PHASE, BindPhase.FAILED.wire())
                .addToAnnotations("hami.io/vgpu-devices-allocated", "GPU-0,NVIDIA,3000,30:;")
                .endMetadata().withNewSpec().withNodeName("failing").withContainers(new ContainerBuilder().withName("c")
                        .withImage("cuda").build()).endSpec().withNewStatus().withPhase("Pending").endStatus().build())
                .create();
        var run = DoctorNodeTest.run(Map.of(), Clock.systemUTC(), List.of("--kubeconfig", kubeconfig.toString(),
                "--pod", "default/p"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("hami.io/vgpu-devices-allocated: [[{\"uuid\":\"GPU-0\"",
                "ERROR pod.allocate-failed: the device plugin's Allocate failed on failing",
                "what to do: read the Warning event on the pod");
    }

    @Test
    void aPodThatDoesNotExistIsAFinding() throws Exception {
        var run = DoctorNodeTest.run(Map.of(), Clock.systemUTC(), List.of("--json", "--kubeconfig",
                kubeconfig.toString(), "--pod", "default/nope"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.ids()).containsExactly("pod.not-found");
    }

    @Test
    void aPodIsFilteredWithTheDeviceConfigFileItIsGiven() throws Exception {
        node("small", true, null);
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("renamed")
                .withNamespace("default").endMetadata().withNewSpec().withSchedulerName("hami-scheduler")
                .withContainers(new ContainerBuilder().withName("cuda").withImage("cuda").withNewResources()
                        .addToLimits("example.com/gpu", new Quantity("1"))
                        .addToLimits("example.com/gpumem", new Quantity("32000")).endResources().build())
                .endSpec().withNewStatus().withPhase("Pending").endStatus().build()).create();
        var args = new ArrayList<>(List.of("--json", "--kubeconfig", kubeconfig.toString(), "--pod", "default/renamed"));
        var builtIn = DoctorNodeTest.run(Map.of(), Clock.systemUTC(), args);
        assertThat(builtIn.out()).contains("asks for no device type the scheduler serves (HAMi's built-in device "
                + "config)");

        Path config = Files.writeString(tmp.resolve("device-config.yaml"), """
                nvidia:
                  resourceCountName: example.com/gpu
                  resourceMemoryName: example.com/gpumem
                """);
        args.addAll(List.of("--device-config-file", config.toString()));
        var configured = DoctorNodeTest.run(Map.of(), Clock.systemUTC(), args);
        assertThat(configured.exitCode()).isEqualTo(1);
        assertThat(configured.ids()).containsExactly("pod.unschedulable");
        assertThat(configured.out()).contains("small: 1/1 CardInsufficientMemory");
    }

    @Test
    void anInvalidDeviceConfigFileIsOneLineNamingItAndExitCodeTwo() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "nvidia:\n  memoryFactor: 0\n");
        for (var file : List.of(bad, tmp.resolve("missing.yaml"))) {
            var run = CliRun.run("", "doctor", "--kubeconfig", kubeconfig.toString(), "--pod", "default/any",
                    "--device-config-file", file.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().strip()).startsWith("hami doctor: --device-config-file").contains(file.toString())
                    .doesNotContain("\n");
        }
    }

    @Test
    void badUsageIsOneLineAndExitCodeTwo() {
        for (var args : List.of(List.of("doctor", "--pod", "no-slash"), List.of("doctor", "--library", "x.so"),
                List.of("doctor", "--vendor", "acme"), List.of("doctor", "--node-lock-timeout", "soon"))) {
            var run = CliRun.run("", args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().strip()).doesNotContain("\n");
        }
    }
}
