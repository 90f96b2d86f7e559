package io.hami.deviceplugin.allocate;

import static io.hami.deviceplugin.allocate.Pods.gpu;
import static io.hami.deviceplugin.allocate.Pods.plain;
import static io.hami.deviceplugin.allocate.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.hami.deviceplugin.PluginFixture;
import io.hami.deviceplugin.nvidia.HamiCoreEnvironment;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.protocol.HamiCoreSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AllocationPlannerTest {
    static final Supplier<String> CACHE = () -> "9b1c0d2e-3f4a-4b5c-8d6e-7f8091a2b3c4";
    static final AllocationPlanner PLANNER = new AllocationPlanner(PluginFixture.NVIDIA,
            new HamiCoreEnvironment(HamiCoreSettings.chartDefaults()));

    @Test
    void takesTheFirstEntryWithDevicesAndEmptiesIt() throws Exception {
        var plan = PLANNER.plan(pod(List.of(), List.of(plain("side"), gpu("cuda", 1)), ";GPU-a,NVIDIA,3000,30:;"),
                List.of(1), CACHE);
        assertThat(plan.containers()).singleElement().satisfies(c -> {
            assertThat(c.id().containerName()).isEqualTo("cuda");
            assertThat(c.spec().env()).containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "3000m")
                    .containsEntry("CUDA_DEVICE_MEMORY_SHARED_CACHE", "/usr/local/vgpu/9b1c0d2e-3f4a-4b5c-8d6e-7f8091a2b3c4.cache");
        });
        assertThat(PodDevicesCodec.INSTANCE.encode(plan.remaining())).isEqualTo(";;");
        assertThat(plan.complete()).isTrue();
    }

    @Test
    void oneCallMayCarrySeveralContainerRequests() throws Exception {
        var plan = PLANNER.plan(pod(List.of(), List.of(gpu("a", 1), gpu("b", 1), gpu("c", 1)),
                "GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,2,0:;GPU-c,NVIDIA,3,0:;"), List.of(1, 1), CACHE);
        assertThat(plan.containers()).extracting(c -> c.id().containerName()).containsExactly("a", "b");
        assertThat(PodDevicesCodec.INSTANCE.encode(plan.remaining())).isEqualTo(";;GPU-c,NVIDIA,3,0:;");
        assertThat(plan.complete()).isFalse();
    }

    @Test
    void readsCudaDisableControlAsAGoBoolean() {
        var on = gpu("cuda", 1);
        on.setEnv(List.of(new EnvVar("CUDA_DISABLE_CONTROL", "T", null)));
        var odd = gpu("cuda", 1);
        odd.setEnv(List.of(new EnvVar("CUDA_DISABLE_CONTROL", "yes", null)));
        assertThat(AllocationPlanner.disablesControl(pod(List.of(), List.of(on), null), "cuda")).isTrue();
        assertThat(AllocationPlanner.disablesControl(pod(List.of(odd), List.of(gpu("app", 1)), null), "cuda")).isFalse();
        assertThat(AllocationPlanner.disablesControl(pod(List.of(), List.of(gpu("cuda", 1)), null), "cuda")).isFalse();
        assertThat(AllocationPlanner.disablesControl(pod(List.of(on), List.of(gpu("app", 1)), null), "app")).isFalse();
    }

    private static void rejects(String annotation, List<Integer> counts, String... message) {
        var p = annotation == null ? pod(List.of(), List.of(gpu("cuda", 1)), null) : pod(List.of(), List.of(gpu("cuda", 1)), annotation);
        assertThatThrownBy(() -> PLANNER.plan(p, counts, CACHE))
                .isInstanceOfSatisfying(AllocateException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AllocateException.Reason.BAD_ALLOCATION);
                    assertThat(e.pod()).hasValueSatisfying(ref -> assertThat(ref.toString()).isEqualTo("ns/p"));
                })
                .hasMessageContainingAll(message);
    }

    @Test
    void failsOnEveryAllocationItCannotServe() {
        rejects(null, List.of(1), "pod ns/p: has no hami.io/vgpu-devices-to-allocate annotation");
        rejects("GPU-a,NVIDIA,3000:;", List.of(1), "missing fields");
        rejects(";;", List.of(1), "holds no devices left to allocate");
        rejects("GPU-a,NVIDIA,1,0:GPU-b,NVIDIA,1,0:;", List.of(1), "device number not matched", "has 2 devices, kubelet asked for 1");
        rejects("GPU-a,MLU,1,0:;", List.of(1), "holds a device of type MLU, not NVIDIA");
        rejects("GPU-a,NVIDIA,1,0:;", List.of(1, 1), "holds no devices left to allocate");
        var seventeen = "GPU-a,NVIDIA,1,0:".repeat(17) + ";";
        rejects(seventeen, List.of(17), "container cuda", "at most 16 devices");
    }

    @Test
    void anEntryWithoutAContainerAskingForGpusIsRejected() {
        var p = pod(List.of(), List.of(plain("a")), "GPU-a,NVIDIA,1,0:;");
        assertThatThrownBy(() -> PLANNER.plan(p, List.of(1), CACHE))
                .hasMessageContaining("entry 0 matches no container that requests nvidia.com/gpu");
    }

    @Test
    void aClaimsMountsFollowTheEnvironmentsOwnAndNothingIsWrittenWhilePlanning() throws Exception {
        var env = new ClaimingEnvironment(new HamiCoreEnvironment(HamiCoreSettings.chartDefaults()), Path.of("/claims"));
        var plan = new AllocationPlanner(PluginFixture.NVIDIA, env)
                .plan(pod(List.of(), List.of(gpu("cuda", 1)), "GPU-a,NVIDIA,3000,30:;"), List.of(1), CACHE);

        var mounts = plan.containers().getFirst().spec().mounts();
        assertThat(mounts.getLast().containerPath()).isEqualTo("/claim");
        assertThat(mounts.subList(0, mounts.size() - 1)).isNotEmpty().noneMatch(m -> m.containerPath().equals("/claim"));
        assertThat(env.events).containsExactly("claim cuda");
    }

    @Test
    void aContainerThatCannotBePlannedGivesBackWhatTheEarlierContainersClaimed() {
        var env = new ClaimingEnvironment(new HamiCoreEnvironment(HamiCoreSettings.chartDefaults()), Path.of("/claims"));
        var p = pod(List.of(), List.of(gpu("a", 1), gpu("b", 1)), "GPU-a,NVIDIA,1,0:;GPU-b,MLU,1,0:;");

        assertThatThrownBy(() -> new AllocationPlanner(PluginFixture.NVIDIA, env).plan(p, List.of(1, 1), CACHE))
                .hasMessageContaining("holds a device of type MLU");
        assertThat(env.events).containsExactly("claim a", "release a");
    }
}
