package io.hami.deviceplugin.kubelet;

import static io.hami.deviceplugin.PluginFixture.GPU0;
import static io.hami.deviceplugin.PluginFixture.GPU1;
import static io.hami.deviceplugin.PluginFixture.SPLIT;
import static io.hami.deviceplugin.PluginFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpc.StatusRuntimeException;
import io.hami.deviceplugin.PluginFixture;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubelet's socket removed and re-created while {@code Allocate} calls are in flight (docs/reliability.md, "kubelet
 * socket churn"): the fake kubelet restarts as kubelet does (every socket in the directory removed, a new
 * {@code kubelet.sock}) at random intervals of 50–400 ms while pods are bound and allocated one after another, as
 * HAMi's node lock orders them. Each call either completes, or fails with a gRPC status (never hangs); a call that
 * failed before the plugin took the pod is retried once the plugin has registered again. Proven for every pod: its
 * allocation ends in {@code success}, never {@code failed} (the transport going away is not the pod's fault), its
 * node lock is released, and an answer kubelet received names the pod's own GPU. The plugin registers again after
 * every restart it saw and answers once the churn stops.
 */
@EnableKubernetesMockClient(crud = true)
class KubeletSocketChurnIT {
    /** Pods allocated under churn; {@code -Dhami.faults.allocations=N} to change. */
    private static final int PODS = Integer.getInteger("hami.faults.allocations", 40);

    KubernetesClient client;

    @TempDir
    Path tmp;

    @Test
    void allocationsThroughKubeletRestartsCompleteOrFailCleanlyAndNoneIsLost() throws Exception {
        try (var node = PluginFixture.start(client, tmp)) {
            node.kubelet.awaitRegistrations(1, WAIT);
            var stop = new AtomicBoolean();
            var restarts = new AtomicInteger();
            var churnError = new AtomicReference<Throwable>();
            var churn = Thread.ofPlatform().name("kubelet-churn").start(() -> {
                var random = new Random(22);
                try {
                    while (!stop.get()) {
                        TimeUnit.MILLISECONDS.sleep(50 + random.nextInt(350));
                        node.kubelet.restart();
                        restarts.incrementAndGet();
                    }
                } catch (Throwable t) {
                    churnError.set(t);
                }
            });

            var failures = new TreeMap<String, Integer>();
            int answered = 0;
            int answerLost = 0;
            int calls = 0;
            try {
                for (int i = 0; i < PODS; i++) {
                    String gpu = i % 2 == 0 ? GPU0 : GPU1;
                    String name = "churn-" + i;
                    node.boundPod(name, List.of(), List.of(PluginFixture.container("cuda", 1)), gpu + ",NVIDIA,100,1:;");
                    node.lockFor("default", name);
                    var attempt = allocate(node, name, gpu + "-" + i % SPLIT, failures);
                    calls += attempt.calls();
                    AllocateResponse response = attempt.response();
                    assertThat(phase(node, name)).as("bind phase of %s", name).isEqualTo(BindPhase.SUCCESS.wire());
                    // an answer lost with the socket: the plugin may still be releasing the lock after its last write
                    awaitLockReleased(node, name);
                    if (response != null) {
                        answered++;
                        assertThat(response.getContainerResponses(0).getEnvsMap().get("NVIDIA_VISIBLE_DEVICES"))
                                .as("the answer for %s", name).isEqualTo(gpu);
                    } else {
                        answerLost++; // the plugin finished the pod, the answer went down with the socket
                    }
                }
            } finally {
                stop.set(true);
                churn.join();
            }
            assertThat(churnError.get()).isNull();

            int registrations = node.plugin.kubelet().registrations();
            node.kubelet.awaitDevices(r -> r.getDevicesCount() == 2 * SPLIT, WAIT);
            node.boundPod("after-churn", List.of(), List.of(PluginFixture.container("cuda", 1)), GPU1 + ",NVIDIA,100,1:;");
            node.lockFor("default", "after-churn");
            var quiet = allocate(node, "after-churn", GPU1 + "-0", new TreeMap<>());
            assertThat(quiet.response()).as("the answer once the churn stopped").isNotNull();
            assertThat(phase(node, "after-churn")).isEqualTo(BindPhase.SUCCESS.wire());
            assertThat(node.lock()).as("node lock after an answered call").isNull();
            assertThat(restarts.get()).as("restarts during the run").isGreaterThan(0);
            assertThat(registrations).as("the plugin registered again").isGreaterThan(1);

            System.out.printf("kubelet socket churn: %d pods, %d Allocate calls, %d kubelet restarts, %d registrations;"
                    + " %d answered, %d finished with the answer lost, 0 failed, 0 locks left; failed calls %s%n",
                    PODS, calls, restarts.get(), registrations, answered, answerLost, failures);
        }
    }

    private record Attempt(AllocateResponse response, int calls) {
    }

    /**
     * Calls Allocate for {@code pod}'s one container as kubelet would, again after each failure while the pod is still
     * allocating (a call that failed before the plugin took the pod); counts the failures by gRPC code. The response
     * is null when the plugin finished the pod but its answer was lost with the socket.
     */
    private static Attempt allocate(PluginFixture node, String pod, String slot, Map<String, Integer> failures)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int calls = 0;
        while (phase(node, pod).equals(BindPhase.ALLOCATING.wire())) {
            assertThat(System.nanoTime()).as("pod %s still allocating after 60 s", pod).isLessThan(deadline);
            calls++;
            try {
                return new Attempt(node.kubelet.allocate(List.of(List.of(slot))), calls);
            } catch (StatusRuntimeException e) {
                failures.merge(e.getStatus().getCode().name(), 1, Integer::sum);
            } catch (IllegalStateException e) { // between a restart and the plugin's next registration
                failures.merge("not registered", 1, Integer::sum);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return new Attempt(null, calls);
    }

    /** Waits until the node lock is gone; fails naming the pod when it is still held after {@link PluginFixture#WAIT}. */
    private static void awaitLockReleased(PluginFixture node, String pod) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.lock() != null) {
            assertThat(System.nanoTime()).as("node lock of %s still held after %s: %s", pod, WAIT, node.lock())
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static String phase(PluginFixture node, String pod) {
        Map<String, String> annotations = node.podAnnotations(pod);
        return annotations.getOrDefault(HamiAnnotations.BIND_PHASE, "(none)");
    }
}
