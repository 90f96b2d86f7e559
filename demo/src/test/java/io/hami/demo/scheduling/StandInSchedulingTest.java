package io.hami.demo.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.daemon.SchedulerDaemon;
import io.hami.scheduler.vendor.DeviceTypes;
import io.hami.testfixtures.wait.Eventually;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in drives the real scheduler (in this JVM, over loopback HTTP) against the embedded API server, on
 * nodes registered here without device plugins: webhook, filter, bind, unschedulable reasons, node lock
 * contention and backoff.
 */
class StandInSchedulingTest {

    @TempDir
    Path dir;

    EmbeddedApiServer api;
    SchedulerDaemon daemon;
    ExtenderClient extender;
    KubeSchedulerStandIn standIn;

    @BeforeEach
    void start() throws Exception {
        api = EmbeddedApiServer.start(dir, 0);
        api.client().nodes().resource(node("n1", 2)).create();
        var config = new DaemonConfig(SchedulerConfig.defaults(DeviceTypes.defaults()), Optional.empty(),
                new DaemonConfig.Endpoint("127.0.0.1", 0), new DaemonConfig.Endpoint("127.0.0.1", 0),
                Optional.empty(), "hami-scheduler", true,
                new DaemonConfig.Endpoint("127.0.0.1", 0), false, Map.of(), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ZERO, DaemonConfig.Leader.none(), new DaemonConfig.Self("", ""),
                DaemonConfig.Timing.defaults(), Map.of("version", "test"));
        daemon = SchedulerDaemon.start(config, api.client(), Clock.systemUTC());
        daemon.synced().get(30, TimeUnit.SECONDS);
        Eventually.until(Duration.ofSeconds(20), "the scheduler registers n1",
                () -> daemon.state().snapshot().node("n1").isPresent());
        extender = new ExtenderClient(URI.create("http://127.0.0.1:" + daemon.httpPort()),
                URI.create("http://127.0.0.1:" + daemon.webhookPort()));
        standIn = new KubeSchedulerStandIn(api.client(), extender, StandInSettings.kubeScheduler("hami-scheduler")
                .withBackoff(Duration.ofMillis(200), Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        standIn.close();
        extender.close();
        daemon.close();
        api.close();
    }

    static Node node(String name, int gpus) {
        var devices = new java.util.ArrayList<NodeDevice>();
        for (int i = 0; i < gpus; i++) {
            devices.add(NodeDevice.of(name + "-GPU-" + i, i, 10, 8000, 100, "NVIDIA-NVIDIA A10", 0, "hami-core",
                    true));
        }
        return new NodeBuilder().withNewMetadata().withName(name).addToLabels("gpu", "on")
                .addToAnnotations("hami.io/node-nvidia-register",
                        NodeRegisterCodec.INSTANCE.encode(new NodeRegistration(devices))).endMetadata()
                .withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity(Integer.toString(gpus * 10)))
                .addToCapacity("nvidia.com/gpu", new Quantity(Integer.toString(gpus * 10))).endStatus().build();
    }

    static Pod gpuPod(String name, String mem) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().addNewContainer()
                .withName("main").withImage("busybox").withNewResources()
                .addToLimits("nvidia.com/gpu", new Quantity("1")).addToLimits("nvidia.com/gpumem", new Quantity(mem))
                .endResources().endContainer().endSpec().build();
    }

    @Test
    void admitsFiltersAndBindsAndSaysWhyAPodDoesNotFit() throws Exception {
        PodRecord small = standIn.submit(gpuPod("small", "3000"), "default");
        PodRecord big = standIn.submit(gpuPod("big", "9000"), "default");
        standIn.awaitSettled(Duration.ofSeconds(30));

        var records = standIn.records();
        PodRecord placed = records.stream().filter(r -> r.name().equals("small")).findFirst().orElseThrow();
        assertThat(small.uid()).isNotEmpty();
        assertThat(placed.state()).as(placed.reason()).isEqualTo(PodRecord.State.BOUND);
        assertThat(placed.node()).contains("n1");
        Pod bound = api.client().pods().inNamespace("default").withName("small").get();
        assertThat(bound.getSpec().getNodeName()).isEqualTo("n1");
        assertThat(bound.getSpec().getSchedulerName()).as("the webhook's mutation").isEqualTo("hami-scheduler");
        assertThat(bound.getStatus() == null ? null : bound.getStatus().getPhase())
                .as("Pending, as the API server creates every pod").isEqualTo("Pending");
        assertThat(bound.getMetadata().getAnnotations().get("hami.io/vgpu-devices-allocated"))
                .matches("n1-GPU-[01],NVIDIA,3000,0:;");

        PodRecord unplaced = records.stream().filter(r -> r.name().equals("big")).findFirst().orElseThrow();
        assertThat(big.state()).isEqualTo(PodRecord.State.QUEUED);
        assertThat(unplaced.state()).isEqualTo(PodRecord.State.UNSCHEDULABLE);
        assertThat(unplaced.reason()).startsWith("0/1 nodes are available: 1 ").contains("CardInsufficientMemory");
    }

    @Test
    void aSecondBindWaitsOutTheNodeLockInBackoff() throws Exception {
        standIn.submit(gpuPod("first", "1000"), "default");
        standIn.submit(gpuPod("second", "1000"), "default");
        // no device plugin releases the lock here: the second pod binds after the 2 s lock expiry
        standIn.awaitSettled(Duration.ofSeconds(30));
        var records = standIn.records();
        assertThat(records).allSatisfy(r -> assertThat(r.state()).isEqualTo(PodRecord.State.BOUND));
        PodRecord second = records.stream().filter(r -> r.bindFailures() > 0).findFirst().orElseThrow();
        assertThat(second.bindCalls()).isGreaterThan(1);
        assertThat(records.stream().mapToInt(PodRecord::bindFailures).sum()).isEqualTo(second.bindFailures());
    }

    @Test
    void aPodTheWebhookRefusesIsNeverCreated() throws Exception {
        Pod privileged = new PodBuilder(gpuPod("root", "1000")).editSpec().editFirstContainer()
                .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec().build();
        PodRecord r = standIn.submit(privileged, "default");
        assertThat(r.state()).isEqualTo(PodRecord.State.REJECTED);
        assertThat(r.reason()).startsWith("admission webhook denied the request: ");
        assertThat(api.client().pods().inNamespace("default").withName("root").get()).isNull();
    }

    @Test
    void deletingAPodRetriesTheUnschedulable() throws Exception {
        Contention c = threePodsForTwoPlaces();
        standIn.delete("default", c.victim().name());
        awaitBound(c.waiting().name());
    }

    @Test
    void aPodDeletedByAnyoneRetriesTheUnschedulable() throws Exception {
        Contention c = threePodsForTwoPlaces();
        PodRecord waiting = c.waiting();
        PodRecord victim = c.victim();
        // Not through the stand-in: another client deletes the pod, as a user or a controller would.
        api.client().pods().inNamespace("default").withName(victim.name()).withGracePeriod(0).delete();
        awaitBound(waiting.name());
    }

    @Test
    void aNodeAddedRetriesTheUnschedulable() throws Exception {
        Pod big = new PodBuilder(gpuPod("four-gpus", "4000")).editSpec().editFirstContainer().editResources()
                .addToLimits("nvidia.com/gpu", new Quantity("4")).endResources().endContainer().endSpec().build();
        standIn.submit(big, "default");
        standIn.awaitSettled(Duration.ofSeconds(30));
        assertThat(standIn.records()).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(PodRecord.State.UNSCHEDULABLE));
        api.client().nodes().resource(node("n2", 4)).create();
        awaitBound("four-gpus");
        assertThat(api.client().pods().inNamespace("default").withName("four-gpus").get().getSpec().getNodeName())
                .isEqualTo("n2");
    }

    /** One pod left unschedulable behind one that holds the devices it needs. */
    private record Contention(PodRecord waiting, PodRecord victim) {
    }

    /** Three 7000 MiB pods for places where only two fit; returns one left waiting and one bound. */
    private Contention threePodsForTwoPlaces() throws Exception {
        standIn.submit(gpuPod("a", "7000"), "default");
        standIn.submit(gpuPod("b", "7000"), "default");
        standIn.submit(gpuPod("c", "7000"), "default");
        standIn.awaitSettled(Duration.ofSeconds(30));
        List<PodRecord> records = standIn.records();
        return new Contention(
                records.stream().filter(r -> r.state() == PodRecord.State.UNSCHEDULABLE).findFirst().orElseThrow(),
                records.stream().filter(r -> r.state() == PodRecord.State.BOUND).findFirst().orElseThrow());
    }

    private void awaitBound(String name) {
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(standIn.records())
                .filteredOn(r -> r.name().equals(name)).singleElement()
                .satisfies(r -> assertThat(r.state()).as(r.reason()).isEqualTo(PodRecord.State.BOUND)));
    }
}
