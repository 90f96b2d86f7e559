package io.hami.scheduler.extender;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.scheduler.Kube;
import io.hami.scheduler.apiserver.ApiException;
import io.hami.scheduler.support.Harness;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a node that binds without the lock the filter answers before its pod patch, and the bind waits for that patch
 * (docs/scheduler.md, "The filter's patch after the answer").
 */
class FilterPatchAfterAnswerTest {

    /** The bind to the lockless node: the Binding carries the bind phase, no patch before it. */
    private static final String BOUND =
            "bind default/train uid-train n1 {hami.io/bind-phase=allocating, hami.io/bind-time=1795860000}";

    final Harness harness = started(new Harness());
    Harness restarted;
    /** The latch holding the filter's patch, opened after each test. */
    final AtomicReference<CountDownLatch> gate = new AtomicReference<>();

    static Harness started(Harness h) {
        h.state.markSynced();
        Node node = new NodeBuilder(Kube.nvidiaNode("n1", Kube.gpu("GPU-0", 0, 10, 8000, 100, 0)))
                .editMetadata().addToAnnotations(HamiAnnotations.locklessBinds("NVIDIA"), "true").endMetadata()
                .withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity("10")).endStatus().build();
        h.state.putNode(node);
        h.cache.put(node);
        h.cache.put(pod());
        try {
            assertThat(h.state.flush().get(30, TimeUnit.SECONDS).node("n1")).isPresent();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return h;
    }

    static Pod pod() {
        return Kube.pod("train").scheduler(Harness.SCHEDULER_NAME).app(Kube.container("c", "nvidia.com/gpu", "1",
                "nvidia.com/gpumem", "1000")).build();
    }

    /** Holds the filter's patch until the returned latch opens. */
    CountDownLatch holdTheNextPatch() {
        gate.set(new CountDownLatch(1));
        harness.writes.patchGate.set(gate.get());
        return gate.get();
    }

    @AfterEach
    void stop() {
        if (gate.get() != null) {
            gate.get().countDown();
        }
        harness.close();
        if (restarted != null) {
            restarted.close();
        }
    }

    static ExtenderJson.FilterReply filter(Harness h) throws InterruptedException {
        return h.filter.filter(new ExtenderJson.FilterArgs(Optional.of(pod()), Optional.empty(),
                Optional.of(List.of("n1"))));
    }

    /** Starts the pod's bind and returns once it waits (or has finished); its answer lands in {@code error}. */
    static Thread bindWhenItWaits(Harness h, AtomicReference<String> error) throws InterruptedException {
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                error.set(h.binder.bind("default", "train", "uid-train", "n1"));
            } catch (InterruptedException e) {
                error.set("interrupted");
            }
        });
        while (t.isAlive() && t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1);
        }
        return t;
    }

    @Test
    void theAnswerComesBeforeThePatchAndABindArrivingMeanwhileWaitsForIt() throws Exception {
        CountDownLatch patch = holdTheNextPatch();
        assertThat(filter(harness).nodeNames()).contains(List.of("n1"));
        var error = new AtomicReference<String>();
        Thread bind = bindWhenItWaits(harness, error);
        assertThat(harness.writes.calls).as("nothing written while the filter's patch is in flight").isEmpty();

        patch.countDown();
        bind.join();

        assertThat(error.get()).isEmpty();
        assertThat(harness.writes.calls).hasSize(2);
        assertThat(harness.writes.calls.get(0)).startsWith("patchPod default/train").contains("hami.io/vgpu-node=n1");
        assertThat(harness.writes.calls.get(1)).as("the Binding carries the bind phase").isEqualTo(BOUND);
    }

    @Test
    void aPatchFailingAfterTheAnswerReleasesTheReservationAndTheBindFailsNamingIt() throws Exception {
        CountDownLatch patch = holdTheNextPatch();
        harness.writes.failPatch = new ApiException(ApiException.Kind.OTHER, "apiserver 500");
        assertThat(filter(harness).nodeNames()).contains(List.of("n1"));
        assertThat(harness.state.flush().get(30, TimeUnit.SECONDS).pod("uid-train")).as("reserved").isPresent();
        var error = new AtomicReference<String>();
        Thread bind = bindWhenItWaits(harness, error);

        patch.countDown();
        bind.join();

        assertThat(error.get()).isEqualTo("pod default/train not bound: the filter's patch of the pod's allocation "
                + "failed: apiserver 500 (its devices are released; the pod is filtered again)");
        assertThat(harness.state.flush().get(30, TimeUnit.SECONDS).pod("uid-train")).as("released").isEmpty();
        assertThat(harness.writes.calls).noneMatch(c -> c.startsWith("bind ") || c.contains("bind-phase"));

        var again = new AtomicReference<String>();
        bindWhenItWaits(harness, again).join();
        assertThat(again.get()).as("a later bind").contains("patch of the pod's allocation failed: apiserver 500");
    }

    @Test
    void theNextFilterOfThePodWaitsForThePreviousPatchAndPlacesItAgain() throws Exception {
        CountDownLatch patch = holdTheNextPatch();
        harness.writes.failPatch = new ApiException(ApiException.Kind.OTHER, "apiserver 500");
        assertThat(filter(harness).nodeNames()).contains(List.of("n1"));
        harness.writes.failPatch = null;
        patch.countDown();

        assertThat(filter(harness).nodeNames()).contains(List.of("n1"));
        var error = new AtomicReference<String>();
        bindWhenItWaits(harness, error).join();

        assertThat(error.get()).isEmpty();
        assertThat(harness.state.flush().get(30, TimeUnit.SECONDS).pod("uid-train")).isPresent();
        assertThat(harness.writes.calls).last().isEqualTo(BOUND);
    }

    @Test
    void aSchedulerRestartedBetweenAnswerAndPatchRefusesTheBindAndPlacesThePodAgain() throws Exception {
        holdTheNextPatch(); // the old scheduler never writes its patch
        assertThat(filter(harness).nodeNames()).contains(List.of("n1"));

        restarted = started(new Harness());
        assertThat(restarted.binder.bind("default", "train", "uid-train", "n1"))
                .isEqualTo("pod default/train was not filtered by this scheduler: not bound");
        assertThat(restarted.writes.calls).isEmpty();

        assertThat(filter(restarted).nodeNames()).contains(List.of("n1"));
        var error = new AtomicReference<String>();
        bindWhenItWaits(restarted, error).join();
        assertThat(error.get()).isEmpty();
        assertThat(restarted.writes.calls.getFirst()).startsWith("patchPod default/train")
                .contains("hami.io/vgpu-node=n1");
        assertThat(restarted.writes.calls).last().isEqualTo(BOUND);
    }

    @Test
    void aNodeWithTheLockIsPatchedBeforeTheAnswer() throws Exception {
        Node locked = new NodeBuilder(Kube.nvidiaNode("n1", Kube.gpu("GPU-0", 0, 10, 8000, 100, 0)))
                .withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity("10")).endStatus().build();
        harness.cache.put(locked);
        harness.state.putNode(locked);
        harness.state.flush().get(30, TimeUnit.SECONDS);

        assertThat(filter(harness).nodeNames()).contains(List.of("n1"));
        assertThat(harness.writes.calls).singleElement().asString().startsWith("patchPod default/train");
        assertThat(harness.patches.size()).isZero();
    }
}
