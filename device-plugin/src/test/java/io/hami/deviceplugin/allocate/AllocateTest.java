package io.hami.deviceplugin.allocate;

import static io.hami.deviceplugin.PluginFixture.GPU0;
import static io.hami.deviceplugin.PluginFixture.GPU1;
import static io.hami.deviceplugin.PluginFixture.TO_ALLOCATE;
import static io.hami.deviceplugin.PluginFixture.WAIT;
import static io.hami.deviceplugin.PluginFixture.container;
import static io.hami.deviceplugin.PluginFixture.slots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hami.deviceplugin.PluginFixture;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubelet's Allocate over the real Unix socket, against pods in the mock API server as HAMi's scheduler binds them. */
@EnableKubernetesMockClient(crud = true)
class AllocateTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    private PluginFixture node;

    @BeforeEach
    void start() throws Exception {
        node = PluginFixture.start(client, tmp);
        node.kubelet.awaitRegistrations(1, WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private String vgpu() {
        return node.hookPath + "/vgpu";
    }

    private static Mount mount(ContainerAllocateResponse r, String containerPath) {
        return r.getMountsList().stream().filter(m -> m.getContainerPath().equals(containerPath)).findFirst().orElseThrow();
    }

    @Test
    void givesTheGpuContainerOfATwoContainerPodItsLimitsAndCompletesTheBind() throws Exception {
        var pod = node.boundPod("two", List.of(), List.of(container("sidecar", 0), container("cuda", 1)),
                ";" + GPU1 + ",NVIDIA,3000,30:;");
        node.lockFor("default", "two");

        var response = node.kubelet.allocate(List.of(slots(GPU1, 1))).getContainerResponses(0);

        var env = response.getEnvsMap();
        assertThat(env).containsEntry("NVIDIA_VISIBLE_DEVICES", GPU1)
                .containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "3000m")
                .containsEntry("CUDA_DEVICE_SM_LIMIT", "30")
                .containsEntry("LIBCUDA_LOG_LEVEL", "1")
                .doesNotContainKey("CUDA_DEVICE_MEMORY_LIMIT_1");
        assertThat(env.get("CUDA_DEVICE_MEMORY_SHARED_CACHE")).matches(java.util.regex.Pattern.quote(vgpu()) + "/[0-9a-f-]{36}\\.cache");
        var dir = vgpu() + "/containers/" + pod.getMetadata().getUid() + "_cuda";
        assertThat(mount(response, vgpu())).isEqualTo(Mount.newBuilder().setContainerPath(vgpu()).setHostPath(dir).build());
        assertThat(mount(response, vgpu() + "/libvgpu.so").getReadOnly()).isTrue();
        assertThat(mount(response, "/tmp/vgpulock").getHostPath()).isEqualTo("/tmp/vgpulock");
        assertThat(mount(response, "/etc/ld.so.preload").getHostPath()).isEqualTo(vgpu() + "/ld.so.preload");
        assertThat(Files.getPosixFilePermissions(Path.of(dir))).isEqualTo(PosixFilePermissions.fromString("rwxrwxrwx"));

        var annotations = node.podAnnotations("two");
        assertThat(annotations).containsEntry(TO_ALLOCATE, ";;").containsEntry("hami.io/bind-phase", "success");
        assertThat(node.lock()).isNull();
    }

    @Test
    void namesTheContainerOfAnInitContainerPodRightWithBothAnnotationLayouts() throws Exception {
        // intended positional layout: the init container's empty entry first
        var aligned = node.boundPod("aligned", List.of(container("init", 0)), List.of(container("app", 1)),
                ";" + GPU0 + ",NVIDIA,1000,0:;");
        node.lockFor("default", "aligned");
        var first = node.kubelet.allocate(List.of(slots(GPU0, 1))).getContainerResponses(0);
        assertThat(mount(first, vgpu()).getHostPath()).endsWith("/" + aligned.getMetadata().getUid() + "_app");

        // v2.10 on model-typed nodes leaves the init container's empty entry out
        var shifted = node.boundPod("shifted", List.of(container("init", 0)), List.of(container("app", 1)),
                GPU1 + ",NVIDIA,2000,0:;");
        node.lockFor("default", "shifted");
        var second = node.kubelet.allocate(List.of(slots(GPU1, 1))).getContainerResponses(0);
        assertThat(mount(second, vgpu()).getHostPath()).endsWith("/" + shifted.getMetadata().getUid() + "_app");
        assertThat(second.getEnvsMap()).containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "2000m");
    }

    @Test
    void keepsTheLockUntilTheLastGpuContainerIsAllocated() throws Exception {
        node.boundPod("pair", List.of(), List.of(container("a", 2), container("b", 1)),
                GPU0 + ",NVIDIA,1000,10:" + GPU1 + ",NVIDIA,1500,10:;" + GPU1 + ",NVIDIA,500,5:;");
        node.lockFor("default", "pair");

        var a = node.kubelet.allocate(List.of(List.of(GPU0 + "-0", GPU1 + "-0"))).getContainerResponses(0);
        assertThat(a.getEnvsMap()).containsEntry("NVIDIA_VISIBLE_DEVICES", GPU0 + "," + GPU1)
                .containsEntry("CUDA_DEVICE_MEMORY_LIMIT_1", "1500m");
        assertThat(node.podAnnotations("pair")).containsEntry(TO_ALLOCATE, ";" + GPU1 + ",NVIDIA,500,5:;")
                .containsEntry("hami.io/bind-phase", "allocating");
        assertThat(node.lock()).endsWith(",default,pair");

        node.kubelet.allocate(List.of(slots(GPU1, 1)));
        assertThat(node.podAnnotations("pair")).containsEntry(TO_ALLOCATE, ";;").containsEntry("hami.io/bind-phase", "success");
        assertThat(node.lock()).isNull();
    }

    @Test
    void findsThePodWithoutALockByItsBindPhase() throws Exception {
        node.boundPod("unlocked", List.of(), List.of(container("cuda", 1)), GPU0 + ",NVIDIA,800,0:;");
        var response = node.kubelet.allocate(List.of(slots(GPU0, 1))).getContainerResponses(0);
        assertThat(response.getEnvsMap()).containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "800m");
        assertThat(node.podAnnotations("unlocked")).containsEntry("hami.io/bind-phase", "success");
    }

    @Test
    void leavesOutLdSoPreloadForAContainerThatDisablesControl() throws Exception {
        var cuda = container("cuda", 1);
        cuda.setEnv(List.of(new EnvVar("CUDA_DISABLE_CONTROL", "true", null)));
        node.boundPod("free", List.of(), List.of(cuda), GPU0 + ",NVIDIA,800,0:;");
        node.lockFor("default", "free");
        var response = node.kubelet.allocate(List.of(slots(GPU0, 1))).getContainerResponses(0);
        assertThat(response.getMountsList()).extracting(Mount::getContainerPath).doesNotContain("/etc/ld.so.preload");
    }

    @Test
    void withoutAPendingPodFailsWithNotFound() {
        assertThatThrownBy(() -> node.kubelet.allocate(List.of(slots(GPU0, 1))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains("no pod on node " + PluginFixture.NODE);
                });
    }

    @Test
    void aLockNamingAPodThatIsGoneFailsAndIsReleased() {
        node.lockFor("default", "gone");
        assertThatThrownBy(() -> node.kubelet.allocate(List.of(slots(GPU0, 1))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains("locked by pod default/gone, which does not exist");
                });
        assertThat(node.lock()).isNull();
    }

    @Test
    void aMalformedAnnotationFailsTheBindAndReleasesTheLockWithoutTouchingTheAnnotation() {
        var bad = GPU0 + ",NVIDIA,lots,0:;";
        node.boundPod("bad", List.of(), List.of(container("cuda", 1)), bad);
        node.lockFor("default", "bad");

        assertThatThrownBy(() -> node.kubelet.allocate(List.of(slots(GPU0, 1))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("pod default/bad", TO_ALLOCATE,
                            "containers[0].devices[0].usedmem", "invalid memory field");
                });
        assertThat(node.podAnnotations("bad")).containsEntry(TO_ALLOCATE, bad).containsEntry("hami.io/bind-phase", "failed");
        assertThat(node.lock()).isNull();
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .anySatisfy(ev -> {
                    assertThat(ev.getInvolvedObject().getName()).isEqualTo("bad");
                    assertThat(ev.getType()).isEqualTo("Warning");
                    assertThat(ev.getMessage()).contains("invalid memory field");
                });
    }

    @Test
    void aDeviceCountOtherThanKubeletsFailsTheBindAndReleasesTheLock() {
        node.boundPod("count", List.of(), List.of(container("cuda", 2)), GPU0 + ",NVIDIA,800,0:;");
        node.lockFor("default", "count");
        assertThatThrownBy(() -> node.kubelet.allocate(List.of(slots(GPU0, 2))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("device number not matched", "has 1 devices, kubelet asked for 2");
                });
        assertThat(node.podAnnotations("count")).containsEntry(TO_ALLOCATE, GPU0 + ",NVIDIA,800,0:;")
                .containsEntry("hami.io/bind-phase", "failed");
        assertThat(node.lock()).isNull();
    }

    @Test
    void concurrentCallsForOnePodEachTakeTheirOwnEntry() throws Exception {
        node.boundPod("many", List.of(), List.of(container("a", 1), container("b", 1), container("c", 1), container("d", 1)),
                GPU0 + ",NVIDIA,100,0:;" + GPU1 + ",NVIDIA,200,0:;" + GPU0 + ",NVIDIA,300,0:;" + GPU1 + ",NVIDIA,400,0:;");
        node.lockFor("default", "many");
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<AllocateResponse>>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return node.kubelet.allocate(List.of(slots(GPU0, 1)));
                }));
            }
            start.countDown();
            var limits = new ArrayList<String>();
            for (var f : results) {
                limits.add(f.get().getContainerResponses(0).getEnvsMap().get("CUDA_DEVICE_MEMORY_LIMIT_0"));
            }
            assertThat(limits).containsExactlyInAnyOrder("100m", "200m", "300m", "400m");
        }
        assertThat(node.podAnnotations("many")).containsEntry(TO_ALLOCATE, ";;;;").containsEntry("hami.io/bind-phase", "success");
        assertThat(node.lock()).isNull();
    }
}
