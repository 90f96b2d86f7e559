package io.hami.benchmarks.cluster;

import io.hami.testfixtures.kube.Kubeconfigs;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The fabric8 mock API server in CRUD mode over HTTPS, in this JVM, with one Node; and a kubeconfig file, or the
 * environment of a pod, that points a forked process at it. The daemon harnesses ({@code deviceplugin}, {@code monitor}) share it.
 */
public final class MockCluster implements AutoCloseable {
    /** The mock server logs every request through java.util.logging; held here so the level stays set. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    /** The server. */
    public final KubernetesMockServer server;
    /** A client of the server, in this JVM. */
    public final NamespacedKubernetesClient client;

    /** Starts the server with Node {@code nodeName}. */
    public MockCluster(String nodeName) {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), true);
        server.init();
        client = server.createClient();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(nodeName).endMetadata().build()).create();
    }

    /** A kubeconfig for this server, written into {@code dir}. */
    public Path kubeconfig(Path dir) throws IOException {
        return Kubeconfigs.write(dir, client.getMasterUrl().toString(), "benchmark");
    }

    /**
     * The environment that points a forked daemon at this server as a pod's is pointed at its API server, without a
     * kubeconfig: the service's host and port variables and a service-account token file (written into {@code dir};
     * fabric8 reads the file that {@code KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN} names instead of the pod's mounted
     * one). The server's certificate is self-signed, so the daemon trusts it as the kubeconfig's
     * {@code insecure-skip-tls-verify} does; and it never reads a {@code ~/.kube/config} of the machine.
     */
    public Map<String, String> inClusterEnvironment(Path dir) throws IOException {
        var token = Files.writeString(dir.resolve("serviceaccount-token"), "benchmark");
        var master = client.getMasterUrl();
        return Map.of("KUBERNETES_SERVICE_HOST", master.getHost(), "KUBERNETES_SERVICE_PORT", Integer.toString(master.getPort()),
                "KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", token.toString(), "KUBERNETES_TRUST_CERTIFICATES", "true",
                "KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    }

    /** Sets {@code hami.native.dir} to the test-fixtures build under the working directory unless it is set. */
    public static void defaultNativeDir() {
        if (System.getProperty("hami.native.dir") == null) {
            System.setProperty("hami.native.dir", Path.of("test-fixtures/target/native").toAbsolutePath().toString());
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
