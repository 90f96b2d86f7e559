package io.hami.deviceplugin.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.protocol.AscendAnnotations;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.vendor.AnnotationKeys;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each vendor's plugin over its C mock, registered with a kubelet stand-in over real Unix sockets and answering
 * {@code Allocate} for a pod bound as the scheduler leaves it in the mock API server: the container's variables, mounts
 * and device nodes, the pod's annotations and the node lock afterwards, against the golden file of the vendor's
 * contract (docs/vendors.md, "Device plugins"); and each kind of bad allocation failing the bind with one clear error.
 */
@EnableKubernetesMockClient(crud = true)
class VendorAllocateTest extends VendorNodeFixture {
    KubernetesClient client;

    @Override
    KubernetesClient client() {
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cambricon", "ascend", "hygon", "iluvatar", "metax-gpu", "metax-sgpu", "mthreads"})
    void allocateAnswersTheVendorsContractAndCompletesTheBind(String vendorId) throws Exception {
        start(vendorId);
        int mib = !type.sharesMemory() ? 65536 : type.memoryUnit().mib() == 1 ? 16384 : 16 * type.memoryUnit().mib();
        int cores = type.sharesMemory() ? type.coresPerDevice() / 4 : 100;
        boundPod("job", ";" + allocationId(1) + "," + type.commonWord() + "," + mib + "," + cores + ":;");

        var response = kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(3).uuid() + "-0")));

        assertThat(rendered(vendorId, render(response, "job"))).isEqualTo(golden(vendorId));
    }

    @Test
    void anAscendPodInSoftSplitGetsTheSoftSplitLibraryItsQuotaAndItsOwnDirectory() throws Exception {
        start("ascend");
        boundPod("soft", ";" + allocationId(1) + ",Ascend910B3,12000,40:;",
                Map.of(AscendAnnotations.VNPU_MODE, AscendAnnotations.VNPU_MODE_HAMI_CORE));

        var response = kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0")));

        assertThat(rendered("ascend-soft", render(response, "soft"))).isEqualTo(golden("ascend-soft"));
        var own = tmp.resolve("vnpu-core/containers/" + uid("soft") + "_work");
        assertThat(Files.isDirectory(own)).isTrue();
        assertThat(Files.getPosixFilePermissions(own)).hasSize(9);
    }

    @Test
    void anAscendPodWithoutItsRuntimeAnnotationFailsTheBindNamingIt() throws Exception {
        start("ascend");
        boundPod("job", ";" + allocationId(1) + ",Ascend910B3,16384,0:;");
        client.pods().inNamespace("default").withName("job").edit(p -> {
            p.getMetadata().getAnnotations().remove(AscendAnnotations.runtimeInfo(type.commonWord()));
            return p;
        });

        assertThatThrownBy(() -> kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .contains("has no huawei.com/Ascend910B3 annotation"));
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed");
        assertThat(nodeLock()).isEqualTo("released");
    }

    @Test
    void mooreThreadsPodsFromHamisSchedulerCarryOnlyTheAllocatedAnnotationAndStillAllocate() throws Exception {
        start("mthreads");
        boundPod("hami-job", ";" + allocationId(2) + ",Mthreads,8192,8:;");
        client.pods().inNamespace("default").withName("hami-job").edit(p -> {
            p.getMetadata().getAnnotations().remove(type.annotations().devicesToAllocate());
            return p;
        });

        var response = kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-3")));

        assertThat(response.getContainerResponses(0).getEnvsMap()).containsEntry("MTHREADS_VISIBLE_DEVICES", "2");
        assertThat(podAnnotations("hami-job")).containsEntry(type.annotations().devicesToAllocate(), ";;")
                .containsEntry(HamiAnnotations.BIND_PHASE, "success");
    }

    @Test
    void aKubeletDeviceIdThatIsNoSlotOfThisNodeIsRefusedBeforeAnythingIsWritten() throws Exception {
        start("hygon");
        boundPod("job", ";" + allocationId(0) + ",DCU,4096,25:;");

        assertThatThrownBy(() -> kubelet.allocate(type.resources().count(), List.of(List.of("DCU-OTHERNODE0001-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("DCU-OTHERNODE0001-0");
                });
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "allocating")
                .containsEntry(type.annotations().devicesToAllocate(), ";" + allocationId(0) + ",DCU,4096,25:;");
        assertThat(nodeLock()).isEqualTo("held");
    }

    @Test
    void anAllocationNamingADeviceThisNodeDoesNotHaveFailsTheBindAndReleasesTheLock() throws Exception {
        start("iluvatar");
        boundPod("job", ";GPU-not-on-this-node,BI-V150,4096,25:;");

        assertThatThrownBy(() -> kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("device GPU-not-on-this-node of the allocation is not a device of this node");
                });
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed")
                .containsEntry(type.annotations().devicesToAllocate(), ";GPU-not-on-this-node,BI-V150,4096,25:;");
        assertThat(nodeLock()).isEqualTo("released");
    }

    @Test
    void anAllocationOfAnotherVendorsTypeFailsTheBind() throws Exception {
        start("cambricon");
        boundPod("job", ";" + allocationId(0) + ",DCU,4096,100:;");

        assertThatThrownBy(() -> kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getDescription()).contains("holds a device of type DCU, not MLU"));
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed");
        assertThat(nodeLock()).isEqualTo("released");
    }

    @Test
    void anAscendTemplateTheChipDoesNotOfferFailsTheBindNamingIt() throws Exception {
        start("ascend");
        boundPod("job", ";" + allocationId(1) + ",Ascend910B3,16384,0:;");
        client.pods().inNamespace("default").withName("job").edit(p -> {
            p.getMetadata().getAnnotations().put(AscendAnnotations.runtimeInfo(type.commonWord()),
                    "[{\"UUID\":\"" + allocationId(1) + "\",\"temp\":\"vir02\",\"memory\":2184}]");
            return p;
        });

        assertThatThrownBy(() -> kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .contains("template vir02, which Ascend910B3 does not offer [vir05_1c_16g, vir10_3c_32g]"));
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed");
        assertThat(nodeLock()).isEqualTo("released");
    }

    @Test
    void aMooreThreadsPluginAsksForHamisLockFindsThePodByItAndReleasesIt() throws Exception {
        start("mthreads");
        assertThat(client.nodes().withName(NODE).get().getMetadata().getAnnotations())
                .containsEntry(HamiAnnotations.lockRequested("Mthreads"), "true");
        // the older candidate by name, which the plugin would take without the lock
        boundPod("a-first", ";" + allocationId(0) + ",Mthreads,8192,4:;");
        boundPod("z-locked", ";" + allocationId(3) + ",Mthreads,8192,4:;");
        var lock = NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(OffsetDateTime.now(ZoneOffset.UTC),
                new PodRef("default", "z-locked")));
        client.nodes().withName(NODE).edit(n -> {
            n.getMetadata().getAnnotations().put(AnnotationKeys.HAMI_NODE_LOCK, lock);
            return n;
        });

        var response = kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0")));

        assertThat(response.getContainerResponses(0).getEnvsMap()).containsEntry("MTHREADS_VISIBLE_DEVICES", "3");
        assertThat(podAnnotations("z-locked")).containsEntry(HamiAnnotations.BIND_PHASE, "success");
        assertThat(podAnnotations("a-first")).containsEntry(HamiAnnotations.BIND_PHASE, "allocating");
        assertThat(client.nodes().withName(NODE).get().getMetadata().getAnnotations().get(AnnotationKeys.HAMI_NODE_LOCK))
                .isNull();
    }
}
