package io.hami.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.demo.api.ExternalApiServer;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.scheduling.PodRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The webhook → filter → bind → Allocate cycle against a real Kubernetes API server: K3s in Docker, with one
 * simulated GPU node ({@code hami node}) and the real scheduler as child processes and the kube-scheduler stand-in
 * driving them, exactly as {@code hami demo} does against its embedded server. Skipped where no Docker daemon runs;
 * run it with {@code ./mvnw -B verify -pl cli -am -Dit.test=K3sClusterIT -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false} (see README).
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sClusterIT {

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    @TempDir
    Path work;

    @Test
    void webhookFilterBindAndAllocateAgainstARealApiServer() throws Exception {
        Path kubeconfig = Files.writeString(work.resolve("kubeconfig"), K3S.getKubeConfigYaml());
        var settings = DemoCluster.Settings.of(work, HamiLauncher.currentJvm(),
                Fixtures.inCheckout(DemoEndToEndIT.CHECKOUT), List.of(NodeSpec.of("sim-gpu-1", "a100x8")))
                .withContainers("region-writer");
        try (var cluster = ClusterStarts.start(ExternalApiServer.of(kubeconfig), settings)) {
            Pod pod = new PodBuilder().withNewMetadata().withName("cuda-job").endMetadata().withNewSpec()
                    .addNewContainer().withName("main").withImage("busybox").withNewResources()
                    .addToLimits("nvidia.com/gpu", new Quantity("1"))
                    .addToLimits("nvidia.com/gpumem", new Quantity("4000"))
                    .addToLimits("nvidia.com/gpucores", new Quantity("30")).endResources().endContainer().endSpec()
                    .build();
            cluster.submit(List.of(pod), "default");
            cluster.awaitSettled(Duration.ofSeconds(90));

            PodRecord record = cluster.standIn().records().getFirst();
            assertThat(record.state()).as(record.reason()).isEqualTo(PodRecord.State.BOUND);
            Pod bound = cluster.api().client().pods().inNamespace("default").withName("cuda-job").get();
            assertThat(bound.getSpec().getNodeName()).isEqualTo("sim-gpu-1");
            assertThat(bound.getSpec().getSchedulerName()).isEqualTo("hami-scheduler");
            assertThat(bound.getStatus().getPhase()).isEqualTo("Running");
            String allocated = bound.getMetadata().getAnnotations().get("hami.io/vgpu-devices-allocated");
            assertThat(allocated).matches("GPU-a100000[0-7]-0001-4c2b-9f3a-7d6e5c4b3a2[0-7],NVIDIA,4000,30:;");
            Path started = cluster.nodes().getFirst().dir().resolve("started")
                    .resolve(bound.getMetadata().getUid() + "_main.json");
            assertThat(Files.readString(started)).contains("4000m")
                    .contains(allocated.substring(0, allocated.indexOf(',')));
        }
    }
}
