package io.hami.deviceplugin.allocate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.deviceplugin.PluginFixture;
import io.hami.deviceplugin.nvidia.HamiCoreEnvironment;
import io.hami.model.annotation.PodRef;
import io.hami.model.kube.LeanPod;
import io.hami.model.protocol.HamiCoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allocator's one error path and one finish, with a slow API server played by a clock that jumps. */
@EnableKubernetesMockClient(crud = true)
class AllocatorTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    /** A clock tests move by hand. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Finds one given pod, taking {@code delay} of the clock's time to do so, and records every finish. */
    static final class SlowPendingPods implements PendingPods {
        final LeanPod pod;
        final StepClock clock;
        final Duration delay;
        final List<PodRef> finished = new ArrayList<>();

        SlowPendingPods(LeanPod pod, StepClock clock, Duration delay) {
            this.pod = pod;
            this.clock = clock;
            this.delay = delay;
        }

        @Override
        public LeanPod find(Deadline deadline) throws AllocateException {
            deadline.check("finding the pod");
            clock.now = clock.now.plus(delay);
            if (pod == null) {
                throw new AllocateException(AllocateException.Reason.NO_PENDING_POD, "none", Optional.empty(), null);
            }
            return pod;
        }

        @Override
        public void finish(PodRef ref) {
            finished.add(ref);
        }
    }

    private Allocator allocator(SlowPendingPods pods, StepClock clock) throws IOException {
        Files.createDirectories(tmp.resolve("vgpu")); // what the plugin's host setup makes before it serves
        var env = new HamiCoreEnvironment(new HamiCoreSettings(tmp.toString(), tmp + "/vgpu/libvgpu.so", false, Optional.empty(), false));
        var writer = new PodAnnotationWriter(client, PluginFixture.NVIDIA, "n1", clock);
        return new Allocator(pods, new AllocationPlanner(PluginFixture.NVIDIA, env), writer, clock, Duration.ofSeconds(30),
                () -> "9b1c0d2e-3f4a-4b5c-8d6e-7f8091a2b3c4");
    }

    private LeanPod createPod() {
        var pod = Pods.apiPod(List.of(), List.of(Pods.gpu("cuda", 1)), "GPU-a,NVIDIA,100,0:;");
        pod.getMetadata().setNamespace("default");
        return PluginFixture.lean(client.pods().inNamespace("default").resource(pod).create());
    }

    @Test
    void aSlowApiServerTimesTheCallOutBeforeAnythingIsWrittenAndTheBindFails() throws IOException {
        var pod = createPod();
        var clock = new StepClock();
        var pods = new SlowPendingPods(pod, clock, Duration.ofSeconds(31));

        assertThatThrownBy(() -> allocator(pods, clock).allocate(List.of(1)))
                .isInstanceOfSatisfying(AllocateException.class, e -> assertThat(e.reason()).isEqualTo(AllocateException.Reason.TIMEOUT))
                .hasMessageContaining("timed out before writing the allocation of pod default/p");

        var annotations = client.pods().inNamespace("default").withName("p").get().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry(PluginFixture.TO_ALLOCATE, "GPU-a,NVIDIA,100,0:;").containsEntry("hami.io/bind-phase", "failed");
        assertThat(pods.finished).containsExactly(new PodRef("default", "p"));
    }

    @Test
    void aCompleteAllocationCreatesTheContainerDirectoryAndFinishesOnce() throws Exception {
        var pod = createPod();
        var clock = new StepClock();
        var pods = new SlowPendingPods(pod, clock, Duration.ofSeconds(1));
        var plan = allocator(pods, clock).allocate(List.of(1));
        assertThat(plan.complete()).isTrue();
        assertThat(pods.finished).containsExactly(new PodRef("default", "p"));
        assertThat(tmp.resolve("vgpu/containers/" + pod.getMetadata().getUid() + "_cuda")).isDirectory();
    }

    @Test
    void noPendingPodFinishesNothing() throws IOException {
        var clock = new StepClock();
        var pods = new SlowPendingPods(null, clock, Duration.ZERO);
        assertThatThrownBy(() -> allocator(pods, clock).allocate(List.of(1)))
                .isInstanceOfSatisfying(AllocateException.class, e -> assertThat(e.reason()).isEqualTo(AllocateException.Reason.NO_PENDING_POD));
        assertThat(pods.finished).isEmpty();
    }

    @Test
    void aFailureAfterTheClaimsWereWrittenRemovesTheirFilesAndFailsTheBind() throws IOException {
        Files.createDirectories(tmp.resolve("vgpu"));
        var pod = Pods.pod(List.of(), List.of(Pods.gpu("cuda", 1)), "GPU-a,NVIDIA,100,0:;"); // not in the API server
        var clock = new StepClock();
        var pods = new SlowPendingPods(pod, clock, Duration.ofSeconds(1));
        var env = new ClaimingEnvironment(new HamiCoreEnvironment(new HamiCoreSettings(tmp.toString(),
                tmp + "/vgpu/libvgpu.so", false, Optional.empty(), false)), tmp);
        var allocator = new Allocator(pods, new AllocationPlanner(PluginFixture.NVIDIA, env),
                new PodAnnotationWriter(client, PluginFixture.NVIDIA, "n1", clock), clock, Duration.ofSeconds(30));

        assertThatThrownBy(() -> allocator.allocate(List.of(1))).isInstanceOfSatisfying(AllocateException.class,
                e -> assertThat(e.reason()).isEqualTo(AllocateException.Reason.API_ERROR));

        assertThat(env.events).containsExactly("claim cuda", "write cuda", "release cuda");
        assertThat(tmp.resolve("cuda.claim")).doesNotExist();
        assertThat(pods.finished).containsExactly(new PodRef("ns", "p"));
    }
}
