package io.hami.demo.node;

import static io.hami.demo.node.NodeFixture.NODE;
import static io.hami.demo.node.NodeFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.testfixtures.kube.ScheduledPods;
import io.hami.testfixtures.wait.Eventually;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubelet stand-in starts each admitted pod's containers on a pod worker of its own, as kubelet does: a container
 * slow to start (a lockless one waiting for its allocation record, say) holds up only its own pod, and a pod deleted
 * meanwhile is stopped once its start is over.
 */
class PodWorkersTest {
    /** The demo's API server, which selects a node's pods by {@code spec.nodeName} as the kubelet asks. */
    EmbeddedApiServer api;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);
    private NodeLayout layout;
    private SimulatedNode node;

    @BeforeEach
    void start() throws Exception {
        api = EmbeddedApiServer.start(tmp.resolve("api"), 0);
        client = api.client();
        layout = new NodeLayout(tmp.resolve("n"));
        node = NodeFixture.start(client, tmp, layout, Gated::new);
    }

    @AfterEach
    void stop() {
        gate.countDown();
        node.close();
        api.close();
    }

    @Test
    void aPodWhoseContainerIsSlowToStartHoldsUpOnlyItself() throws Exception {
        ScheduledPods.bindPlain(client, NODE, "default", "slow", List.of(ScheduledPods.gpuContainer("main", 0)));
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        ScheduledPods.bindPlain(client, NODE, "default", "quick", List.of(ScheduledPods.gpuContainer("main", 0)));
        awaitPhase("quick", "Running");
        assertThat(phase("slow")).isEqualTo("Pending");

        gate.countDown();
        awaitPhase("slow", "Running");
    }

    @Test
    void aPodDeletedWhileItsContainerStartsIsStoppedOnceTheStartIsOver() throws Exception {
        var uid = ScheduledPods.bindPlain(client, NODE, "default", "slow", List.of(ScheduledPods.gpuContainer("main", 0)))
                .getMetadata().getUid();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        client.pods().inNamespace("default").withName("slow").delete();
        Eventually.within(WAIT, () -> assertThat(client.pods().inNamespace("default").withName("slow").get()).isNull());

        gate.countDown();
        Eventually.within(WAIT, () -> assertThat(Files.exists(layout.startedFile(uid, "main"))).isFalse());
    }

    private String phase(String name) {
        var status = client.pods().inNamespace("default").withName(name).get().getStatus();
        return status == null ? null : status.getPhase();
    }

    private void awaitPhase(String name, String phase) {
        Eventually.within(WAIT, () -> assertThat(phase(name)).isEqualTo(phase));
    }

    /** The node's runtime, but the pod named {@code slow} waits at its container's creation until the gate opens. */
    private final class Gated implements ContainerRuntime {
        private final ContainerRuntime runtime;

        Gated(ContainerRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public ContainerAllocateResponse prepare(PodContainer container, ContainerAllocateResponse allocation)
                throws IOException {
            if (container.pod().equals("slow")) {
                entered.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted at the gate");
                }
            }
            return runtime.prepare(container, allocation);
        }

        @Override
        public Running start(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
            return runtime.start(container, allocation);
        }
    }
}
