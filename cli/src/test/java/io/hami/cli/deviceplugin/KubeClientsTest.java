package io.hami.cli.deviceplugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.cli.UserInputException;
import io.hami.cli.kube.ApiRateLimit;
import io.hami.model.kube.LeanNode;
import io.hami.model.kube.LeanPod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemons' API client: the kubeconfig it reads and the JSON mapping its clients share. */
class KubeClientsTest {
    /** Two contexts, the current one with a namespace; CA data, a token, and an extension as minikube writes them. */
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: first
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
                extensions:
                - name: cluster_info
                  extension:
                    last-update: Mon, 07 Dec 2026 10:00:00 UTC
                    provider: minikube.sigs.k8s.io
                    version: v1.37.0
            - name: second
              cluster:
                server: https://10.0.0.2:6443
                insecure-skip-tls-verify: true
            contexts:
            - name: one
              context: {cluster: first, user: alice, namespace: gpu-jobs}
            - name: two
              context: {cluster: second, user: bob}
            current-context: one
            users:
            - name: alice
              user: {token: alice-token}
            - name: bob
              user: {token: bob-token}
            """;

    @TempDir
    Path tmp;

    @Test
    void aKubeconfigGivesTheSameClusterUserAndNamespaceAsFabric8sOwnReading() throws Exception {
        var file = Files.writeString(tmp.resolve("kubeconfig"), KUBECONFIG);
        var theirs = Config.fromKubeconfig(KUBECONFIG);
        try (var client = KubeClients.create(Optional.of(file), Duration.ZERO)) {
            var ours = client.getConfiguration();
            assertThat(ours.getMasterUrl()).isEqualTo(theirs.getMasterUrl()).isEqualTo("https://10.0.0.1:6443/");
            assertThat(ours.getNamespace()).isEqualTo(theirs.getNamespace()).isEqualTo("gpu-jobs");
            assertThat(ours.getAutoOAuthToken()).isEqualTo(theirs.getAutoOAuthToken()).isEqualTo("alice-token");
            assertThat(ours.getCaCertData()).isEqualTo(theirs.getCaCertData()).isNotEmpty();
            assertThat(ours.isTrustCerts()).isEqualTo(theirs.isTrustCerts()).isFalse();
            assertThat(ours.getCurrentContext().getName()).isEqualTo(theirs.getCurrentContext().getName()).isEqualTo("one");
            assertThat(ours.getContexts()).hasSameSizeAs(theirs.getContexts()).hasSize(2);
        }
    }

    @Test
    void aKubeconfigNamedByTheKubeconfigVariableIsReadAsAGivenOne() throws Exception {
        var file = Files.writeString(tmp.resolve("kubeconfig"), KUBECONFIG);
        try (var client = KubeClients.create(Optional.empty(), Map.of("KUBECONFIG", file.toString()), Duration.ZERO,
                ApiRateLimit.UNLIMITED, KubeClients.Reads.MODEL)) {
            assertThat(client.getConfiguration().getMasterUrl()).isEqualTo("https://10.0.0.1:6443/");
            assertThat(client.getConfiguration().getNamespace()).isEqualTo("gpu-jobs");
        }
    }

    @Test
    void aGivenKubeconfigWinsOverTheKubeconfigVariable() throws Exception {
        var given = Files.writeString(tmp.resolve("given"), KUBECONFIG.replace("current-context: one", "current-context: two"));
        var named = Files.writeString(tmp.resolve("named"), KUBECONFIG);
        try (var client = KubeClients.create(Optional.of(given), Map.of("KUBECONFIG", named.toString()), Duration.ZERO,
                ApiRateLimit.UNLIMITED, KubeClients.Reads.MODEL)) {
            assertThat(client.getConfiguration().getMasterUrl()).isEqualTo("https://10.0.0.2:6443/");
        }
    }

    @Test
    void aMissingFileNamedByTheKubeconfigVariableIsAnErrorNamingIt() {
        var missing = tmp.resolve("absent");
        assertThatThrownBy(() -> KubeClients.create(Optional.empty(), Map.of("KUBECONFIG", missing.toString()), Duration.ZERO,
                ApiRateLimit.UNLIMITED, KubeClients.Reads.MODEL))
                .isInstanceOf(UserInputException.class).hasMessageContaining("kubeconfig").hasMessageContaining(missing.toString());
    }

    @Test
    void theSharedMappingKnowsTheWatchedKindsAndIndexesNoOtherApiGroup() throws Exception {
        try (var client = client()) {
            var json = client.getKubernetesSerialization();
            assertThat(json.getRegisteredKubernetesResource("v1", "Pod")).isEqualTo(Pod.class);
            assertThat(json.getRegisteredKubernetesResource("v1", "Node")).isEqualTo(Node.class);
            // fabric8's default finds this in kubernetes-model-apps on the class path; no daemon reads Deployments.
            assertThat(json.getRegisteredKubernetesResource("apps/v1", "Deployment")).isNull();
        }
    }

    @Test
    void aWatchEventReadsItsPodAsAPodAndAnUnregisteredKindAsAGenericResource() throws Exception {
        try (var client = client()) {
            var json = client.getKubernetesSerialization();
            Object pod = json.unmarshal("""
                    {"type": "ADDED", "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                     "spec": {"nodeName": "gpu-1"}}}""", WatchEvent.class).getObject();
            assertThat(pod).isInstanceOfSatisfying(Pod.class, p -> assertThat(p.getSpec().getNodeName()).isEqualTo("gpu-1"));
            Object other = json.unmarshal("""
                    {"type": "ADDED", "object": {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}}}""",
                    WatchEvent.class).getObject();
            assertThat(other).isInstanceOfSatisfying(GenericKubernetesResource.class,
                    d -> assertThat(d.getMetadata().getName()).isEqualTo("d"));
        }
    }

    @Test
    void theNodeDaemonsMappingReadsWatchedPodsAndNodesAsTheirLeanTypes() throws Exception {
        try (var client = client(KubeClients.Reads.LEAN)) {
            var json = client.getKubernetesSerialization();
            assertThat(json.getRegisteredKubernetesResource("v1", "Pod")).isEqualTo(LeanPod.class);
            assertThat(json.getRegisteredKubernetesResource("v1", "Node")).isEqualTo(LeanNode.class);
            Object pod = json.unmarshal("""
                    {"type": "ADDED", "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                     "spec": {"nodeName": "gpu-1", "volumes": [{"name": "v", "emptyDir": {}}]}}}""", WatchEvent.class).getObject();
            assertThat(pod).isInstanceOfSatisfying(LeanPod.class, p -> assertThat(p.getSpec().getNodeName()).isEqualTo("gpu-1"));
        }
    }

    @Test
    void theSchedulersMappingIsNotTheNodeDaemonsOne() throws Exception {
        try (var model = client(KubeClients.Reads.MODEL); var lean = client(KubeClients.Reads.LEAN)) {
            assertThat(model.getKubernetesSerialization()).isNotSameAs(lean.getKubernetesSerialization());
        }
    }

    private KubernetesClient client() throws Exception {
        return KubeClients.create(Optional.of(Files.writeString(tmp.resolve("kubeconfig"), KUBECONFIG)), Duration.ZERO);
    }

    private KubernetesClient client(KubeClients.Reads reads) throws Exception {
        return KubeClients.create(Optional.of(Files.writeString(tmp.resolve("kubeconfig-" + reads), KUBECONFIG)), Duration.ZERO,
                ApiRateLimit.UNLIMITED, reads);
    }
}
