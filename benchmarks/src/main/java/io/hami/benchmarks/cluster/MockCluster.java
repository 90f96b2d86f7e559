package io.hami.benchmarks.cluster;

import io.hami.testfixtures.kube.Kubeconfigs;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * The fabric8 mock API server in CRUD mode over HTTPS, in this JVM, with one Node; and a kubeconfig file that
 * points a forked process at it. The daemon harnesses ({@code deviceplugin}, {@code monitor}) share it.
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
