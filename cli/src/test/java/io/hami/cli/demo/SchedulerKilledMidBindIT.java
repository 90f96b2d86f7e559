package io.hami.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.race.AllocationAudit;
import io.hami.demo.workload.Workloads;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.vendor.AnnotationKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler killed with SIGKILL in the middle of a bind (docs/reliability.md, "Scheduler killed mid-bind"): the
 * demo's real scheduler and one {@code hami node} run as child processes against fabric8's mock API server; each
 * round submits a pod, watches the node, and kills the scheduler the moment the node lock naming that pod appears
 * (the bind has begun: the lock is written first, then the pod's allocation, then the binding), then starts a new
 * scheduler on the same ports. The kube-scheduler stand-in retries the bind it saw fail, as kube-scheduler does.
 *
 * <p>Proven, over {@code hami.faults.killRounds} rounds (3 by default) plus a pod submitted after each restart: every
 * pod runs, with exactly its allocation and no device over-committed ({@link AllocationAudit}); no node lock is left.
 * The state each kill found is printed.
 */
class SchedulerKilledMidBindIT {

    private static final int ROUNDS = Integer.getInteger("hami.faults.killRounds", 3);

    @TempDir
    Path work;

    private static List<Pod> pod(String name) throws IOException {
        return Workloads.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  containers:
                  - name: main
                    image: busybox
                    resources: {limits: {nvidia.com/gpu: 1, nvidia.com/gpumem: 2000, nvidia.com/gpucores: 10}}
                """.formatted(name), name);
    }

    @Test
    void aSchedulerKilledMidBindIsRestartedAndTheBindFinishesWithoutLockOrDoubleAllocation() throws Exception {
        var settings = DemoCluster.Settings.of(work, HamiLauncher.currentJvm(), Fixtures.inCheckout(DemoEndToEndIT.CHECKOUT),
                NodeSpec.defaults(1)).withContainers("region-writer");
        try (var cluster = ClusterStarts.start(EmbeddedApiServer.start(work.resolve("api"), 0), settings)) {
            var client = cluster.api().client();
            String nodeName = cluster.nodes().getFirst().spec().name();
            var found = new ArrayList<String>();
            long restartNanos = 0;
            for (int round = 0; round < ROUNDS; round++) {
                String victim = "victim-" + round;
                var locked = new CountDownLatch(1);
                try (var watch = client.nodes().withName(nodeName).watch(new Watcher<Node>() {
                    @Override
                    public void eventReceived(Action action, Node node) {
                        var a = node.getMetadata().getAnnotations();
                        String lock = a == null ? null : a.get(AnnotationKeys.HAMI_NODE_LOCK);
                        if (lock != null && lock.endsWith("," + victim)) {
                            locked.countDown();
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // closed by the test
                    }
                })) {
                    cluster.submit(pod(victim), "default");
                    assertThat(locked.await(60, TimeUnit.SECONDS)).as("node lock taken for %s", victim).isTrue();
                    cluster.scheduler().process().kill();
                }
                found.add(victim + ": " + stateOf(client.pods().inNamespace("default").withName(victim).get()));
                long start = System.nanoTime();
                cluster.restartScheduler(Duration.ofSeconds(60));
                restartNanos += System.nanoTime() - start;
                cluster.submit(pod("bystander-" + round), "default");
                cluster.awaitSettled(Duration.ofSeconds(120));
            }

            var records = cluster.standIn().records();
            assertThat(records).hasSize(2 * ROUNDS)
                    .allSatisfy(r -> assertThat(r.phase()).as(r.name()).isEqualTo("Running"));
            var node = client.nodes().withName(nodeName).get();
            var annotations = node.getMetadata().getAnnotations();
            assertThat(annotations == null ? null : annotations.get(AnnotationKeys.HAMI_NODE_LOCK)).as("node lock").isNull();
            var dirs = new LinkedHashMap<String, Path>();
            cluster.nodes().forEach(n -> dirs.put(n.spec().name(), n.dir()));
            var audit = AllocationAudit.audit(cluster.snapshot(), client.pods().inNamespace("default").list().getItems(),
                    dirs);
            assertThat(audit.violations()).isEmpty();
            assertThat(audit.allocationsChecked()).isEqualTo(2 * ROUNDS);
            Map<String, Integer> bindCalls = new LinkedHashMap<>();
            records.forEach(r -> bindCalls.put(r.name(), r.bindCalls()));
            System.out.printf("scheduler killed mid-bind: %d kills (SIGKILL at the victim's node lock), restart to ready "
                    + "%.1f s on average; each kill found %s; %d allocations audited, 0 violations, no lock left; bind "
                    + "calls per pod %s%n", ROUNDS, restartNanos / 1e9 / ROUNDS, found, audit.allocationsChecked(),
                    bindCalls);
        }
    }

    /** Where the bind stood when the scheduler died: the pod's bind phase and whether it was bound yet. */
    private static String stateOf(Pod pod) {
        var a = pod.getMetadata().getAnnotations();
        String phase = a == null ? null : a.get(HamiAnnotations.BIND_PHASE);
        boolean bound = pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
        return (phase == null ? "no allocation written" : "bind phase " + phase) + (bound ? ", bound" : ", not bound");
    }
}
