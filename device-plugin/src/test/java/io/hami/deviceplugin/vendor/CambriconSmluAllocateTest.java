package io.hami.deviceplugin.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpc.StatusRuntimeException;
import io.hami.bindings.cndev.Cndev;
import io.hami.bindings.cndev.CndevSmluInstance;
import io.hami.deviceplugin.PluginFixture;
import io.hami.deviceplugin.allocate.HostStateSweep;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.model.protocol.CambriconAnnotations;
import io.hami.model.protocol.ContainerIdentity;
import io.hami.model.protocol.HamiAnnotations;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cambricon's plugin making sMLU instances over the mock libcndev.so (docs/vendors.md, "Cambricon sMLU instances"): a
 * pod the scheduler gave part of a card in sMLU mode gets an instance of its share, once however often kubelet asks;
 * the instances of pods that are gone are destroyed, also by a restarted plugin; one that cannot be made fails the
 * bind naming the card and the profile, and leaves nothing behind. The mock's machine: card 0 holds an instance made
 * by hand (50 %, 24 GiB), card 1 a profile of 25 % and 4 GiB, card 2 room for two instances, card 3 no sMLU mode.
 */
@EnableKubernetesMockClient(crud = true)
class CambriconSmluAllocateTest extends VendorNodeFixture {
    KubernetesClient client;

    @Override
    KubernetesClient client() {
        return client;
    }

    /** Binds {@code pod} with {@code mib} MiB and {@code cores} % of card {@code card} and allocates it. */
    private AllocateResponse allocate(String pod, int card, int mib, int cores) throws Exception {
        int units = mib / 256;
        boundPod(pod, ";" + allocationId(card) + ",MLU," + mib + "," + cores + ":;", Map.of(
                CambriconAnnotations.PROFILE, card + "_" + cores + "_" + units,
                CambriconAnnotations.ASSIGNED, CambriconAnnotations.NOT_ASSIGNED));
        return kubelet.allocate(type.resources().count(), List.of(List.of(devices.getFirst().uuid() + "-0")));
    }

    private Cndev cndev() {
        return Cndev.open(mockOf("cambricon").library().library());
    }

    /** Each card's instances, as {@code <card>:<name>}. */
    private List<String> instances() {
        var out = new ArrayList<String>();
        var cndev = cndev();
        try (var _ = cndev.start()) {
            for (int card = 0; card < 3; card++) {
                for (var i : cndev.api().smluInstances(cndev.api().deviceHandle(card).orThrow()).orThrow()) {
                    out.add(card + ":" + i.instanceName().replace(uid(i), "<uid>"));
                }
            }
        }
        return out;
    }

    private String uid(CndevSmluInstance instance) {
        return CambriconSmlus.owner(instance.instanceName()).orElse("<none>");
    }

    private int liveProfiles() throws Throwable {
        return (int) mockOf("cambricon").library().control("hamiMockCndevLiveSmluProfiles",
                FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
    }

    @Test
    void aPodTakingPartOfACardGetsAnSmluInstanceOfItsShareAndItsNode() throws Exception {
        start("cambricon");

        var response = allocate("job", 1, 4096, 25);

        assertThat(rendered("cambricon-smlu", render(response, "job"))).isEqualTo(golden("cambricon-smlu"));
        assertThat(instances()).containsExactly("0:by-hand", "1:hami-<uid>-work");
    }

    @Test
    void aRetriedAllocateHandsOutTheInstanceItMadeBeforeInsteadOfASecond() throws Exception {
        start("cambricon");
        var cndev = cndev();
        boundPod("job", ";" + allocationId(2) + ",MLU,8192,30:;", Map.of(CambriconAnnotations.PROFILE, "2_30_32"));
        try (var _ = cndev.start()) { // what a plugin that stopped after making the instance left behind
            var card = cndev.api().deviceHandle(2).orThrow();
            int profile = cndev.api().createSmluProfile(card, 30, 8192L << 20).orThrow();
            cndev.api().createSmluInstance(card, profile, CambriconSmlus.instanceName(
                    new ContainerIdentity(uid("job"), "work"))).orThrow();
        }

        var response = kubelet.allocate(type.resources().count(), List.of(List.of(devices.getFirst().uuid() + "-0")));

        assertThat(response.getContainerResponses(0).getEnvsMap()).containsEntry(CambriconSmlus.VIRTUAL_DEVICES,
                "/dev/cambricon_dev2,/dev/cambricon_ipcm2,/dev/cambricon-caps/cap_dev2_mi1");
        assertThat(instances()).containsExactly("0:by-hand", "2:hami-<uid>-work");
        assertThat(podAnnotations("job")).containsEntry(CambriconAnnotations.PROFILE_INSTANCE, "0_258_2_1");
    }

    @Test
    void theInstanceOfAPodThatIsGoneIsDestroyedWithItsProfileAndOthersAreKept() throws Throwable {
        start("cambricon");
        allocate("kept", 2, 8192, 30);
        allocate("gone", 2, 4096, 20);
        int profiles = liveProfiles();
        client.pods().inNamespace("default").withName("gone").delete();

        var released = new HostStateSweep(client, NODE, parts.hostState().orElseThrow()).sweep();

        assertThat(released).hasSize(1);
        assertThat(instances()).containsExactly("0:by-hand", "2:hami-<uid>-work");
        assertThat(liveProfiles()).isEqualTo(profiles - 1);
    }

    @Test
    void aRestartedPluginDestroysTheInstancesOfPodsThatAreGoneAndKeepsTheOthers() throws Exception {
        start("cambricon");
        allocate("kept", 1, 4096, 25);
        allocate("gone", 2, 4096, 20);
        var keptUid = uid("kept");
        client.pods().inNamespace("default").withName("gone").delete();
        stop();

        restart("cambricon"); // its first sweep runs at once

        var deadline = System.nanoTime() + PluginFixture.WAIT.toNanos();
        while (instances().size() != 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(instances()).containsExactly("0:by-hand", "1:hami-<uid>-work");
        var cndev = cndev();
        try (var _ = cndev.start()) {
            assertThat(cndev.api().smluInstances(cndev.api().deviceHandle(1).orThrow()).orThrow().getFirst().instanceName())
                    .isEqualTo("hami-" + keptUid + "-work");
        }
    }

    @Test
    void aShareTheCardCannotHoldFailsTheBindNamingCardAndProfileAndLeavesNoInstanceOrProfile() throws Throwable {
        start("cambricon");
        int profiles = liveProfiles();

        assertThatThrownBy(() -> allocate("job", 0, 32768, 25))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .contains("sMLU profile 0_25_128 on card " + devices.getFirst().uuid() + " (index 0): "
                                + "cndevCreateSMluInstanceByProfileId failed: INSUFFICIENT_SPACE (9)"));

        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed")
                .doesNotContainKey(CambriconAnnotations.PROFILE_INSTANCE);
        assertThat(instances()).containsExactly("0:by-hand");
        assertThat(liveProfiles()).isEqualTo(profiles);
        assertThat(nodeLock()).isEqualTo("released");
    }

    @Test
    void aCardNotInSmluModeFailsTheBindSayingSo() throws Exception {
        start("cambricon");

        assertThatThrownBy(() -> allocate("job", 3, 4096, 25))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .contains("sMLU profile 3_25_16 on card " + devices.get(3).uuid()
                                + " (index 3): the card is not in sMLU mode"));
        assertThat(instances()).containsExactly("0:by-hand");
    }

    @Test
    void aPodWithTheWholeCardGetsTheWholeCardAndNoInstance() throws Exception {
        start("cambricon");

        var response = allocate("job", 2, 49152, 100);

        assertThat(response.getContainerResponses(0).getEnvsMap()).containsEntry("CAMBRICON_VISIBLE_DEVICES", "2")
                .doesNotContainKey(CambriconSmlus.VIRTUAL_DEVICES);
        assertThat(instances()).containsExactly("0:by-hand");
        assertThat(podAnnotations("job")).containsEntry(CambriconAnnotations.ASSIGNED, CambriconAnnotations.DONE)
                .doesNotContainKey(CambriconAnnotations.PROFILE_INSTANCE);
    }
}
