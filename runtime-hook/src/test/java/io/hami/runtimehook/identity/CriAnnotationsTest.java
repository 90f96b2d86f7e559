package io.hami.runtimehook.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.runtimehook.HookException;
import io.hami.runtimehook.TestNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CriAnnotationsTest {
    private static final Map<String, String> CRIO = Map.of(
            "io.kubernetes.pod.uid", TestNode.POD_UID,
            "io.kubernetes.pod.name", "trainer-0",
            "io.kubernetes.pod.namespace", "default",
            "io.kubernetes.container.name", "cuda");

    @Test
    void readsContainerdsAndCrioKeysAlike() throws Exception {
        for (var annotations : java.util.List.of(TestNode.CONTAINERD, CRIO)) {
            var id = CriAnnotations.identity(annotations).orElseThrow();
            assertThat(id.toString()).isEqualTo("default/trainer-0/cuda");
            assertThat(id.container().directoryName()).isEqualTo(TestNode.POD_UID + "_cuda");
        }
        var both = new HashMap<>(TestNode.CONTAINERD);
        both.putAll(CRIO);
        assertThat(CriAnnotations.identity(both)).isPresent();
    }

    @Test
    void aContainerOutsideKubernetesOrAPodSandboxHasNoIdentity() throws Exception {
        assertThat(CriAnnotations.identity(Map.of("org.opencontainers.image.title", "x"))).isEmpty();
        assertThat(CriAnnotations.identity(Map.of("io.kubernetes.cri.container-type", "sandbox",
                "io.kubernetes.cri.sandbox-uid", TestNode.POD_UID))).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "io.kubernetes.cri.container-name    | ../../etc        | io.kubernetes.cri.container-name: not a DNS-1123 label: \"../../etc\"",
        "io.kubernetes.cri.container-name    | a/b              | not a DNS-1123 label",
        "io.kubernetes.cri.container-name    | CUDA             | not a DNS-1123 label",
        "io.kubernetes.cri.container-name    | a_b              | not a DNS-1123 label",
        "io.kubernetes.cri.sandbox-uid       | ../x             | io.kubernetes.cri.sandbox-uid: not a Kubernetes UID",
        "io.kubernetes.cri.sandbox-uid       | 0F1E2D3C-4B5A-4978-8796-A5B4C3D2E1F0 | not a Kubernetes UID",
        "io.kubernetes.cri.sandbox-namespace | kube/system      | io.kubernetes.cri.sandbox-namespace: not a DNS-1123 label",
        "io.kubernetes.cri.sandbox-name      | web..0           | io.kubernetes.cri.sandbox-name: not a DNS-1123 subdomain",
        "io.kubernetes.cri.sandbox-name      | ''               | not a DNS-1123 subdomain",
    })
    void rejectsValuesThatCouldNameAnotherPath(String key, String value, String message) {
        var annotations = new HashMap<>(TestNode.CONTAINERD);
        annotations.put(key, value);
        assertThatThrownBy(() -> CriAnnotations.identity(annotations)).isInstanceOf(HookException.class)
                .hasMessageStartingWith("annotations: ").hasMessageContaining(message);
    }

    @Test
    void rejectsAPartialOrContradictoryIdentity() {
        var partial = new HashMap<>(TestNode.CONTAINERD);
        partial.remove("io.kubernetes.cri.container-name");
        assertThatThrownBy(() -> CriAnnotations.identity(partial))
                .hasMessage("annotations: io.kubernetes.cri.container-name is missing while other pod identity annotations are set");
        var other = new HashMap<>(CRIO);
        other.put("io.kubernetes.container.name", "sidecar");
        other.putAll(TestNode.CONTAINERD);
        assertThatThrownBy(() -> CriAnnotations.identity(other))
                .hasMessageContaining("the containerd and CRI-O pod identities disagree: default/trainer-0/cuda vs default/trainer-0/sidecar");
    }

    @Test
    void aPodNameMayBeALongSubdomain() throws Exception {
        var annotations = new HashMap<>(TestNode.CONTAINERD);
        annotations.put("io.kubernetes.cri.sandbox-name", "a".repeat(63) + "." + "b".repeat(63) + ".c");
        assertThat(CriAnnotations.identity(annotations)).isPresent();
        annotations.put("io.kubernetes.cri.sandbox-name", "a".repeat(254));
        assertThatThrownBy(() -> CriAnnotations.identity(annotations)).hasMessageContaining("not a DNS-1123 subdomain");
    }
}
