package io.hami.demo.api;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode with the {@link BindingDispatcher} extension, served over HTTPS on a
 * loopback port concurrently, as a real API server serves ({@link ConcurrentHttpFront}); and a kubeconfig for the
 * processes that use it. It holds Nodes, Pods, Events and everything else a client creates, serves watches, and keeps
 * resourceVersions.
 */
public final class EmbeddedApiServer implements ApiServer {

    /** The mock server logs each request through java.util.logging; kept here so the level stays set. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    /** Event loops move bytes; the workers run the dispatcher, whose writes wait for its store lock. */
    private static final int EVENT_LOOPS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final int WORKERS = 16;

    private final ConcurrentHttpFront server;
    private final KubernetesClient client;
    private final Path kubeconfig;

    private EmbeddedApiServer(ConcurrentHttpFront server, KubernetesClient client, Path kubeconfig) {
        this.server = server;
        this.client = client;
        this.kubeconfig = kubeconfig;
    }

    /**
     * Starts the server on {@code 127.0.0.1:port} (0 for any free port) and writes {@code dir/kubeconfig}.
     *
     * @throws UncheckedIOException when the port cannot be bound or the file written
     */
    public static EmbeddedApiServer start(Path dir, int port) {
        return start(dir, port, new BindingDispatcher());
    }

    /** As {@link #start(Path, int)}, with a given dispatcher (tests hold a request inside it). */
    static EmbeddedApiServer start(Path dir, int port, Dispatcher dispatcher) {
        MOCK_LOG.setLevel(Level.WARNING);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ConcurrentHttpFront server;
        try {
            server = ConcurrentHttpFront.start(dispatcher, loopback, port, EVENT_LOOPS, WORKERS);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot start the embedded API server on "
                    + loopback.getHostAddress() + ":" + port + ": " + e.getMessage(), e));
        }
        String url = "https://" + loopback.getHostAddress() + ":" + server.port() + "/";
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(url).withTrustCerts(true).withNamespace("test").withHttp2Disable(true)
                .withOauthToken("hami-demo").build()).build();
        try {
            Files.createDirectories(dir);
            Path config = Files.writeString(dir.resolve("kubeconfig"), kubeconfigText(url));
            return new EmbeddedApiServer(server, client, config);
        } catch (IOException e) {
            client.close();
            server.close();
            throw new UncheckedIOException("cannot write the kubeconfig under " + dir, e);
        }
    }

    /**
     * A kubeconfig naming {@code url}, built as fabric8's kubeconfig model and written as YAML; the server's
     * certificate is self-signed, so TLS is not verified. Public for tests that put something between the processes
     * and the server (a proxy that makes it look stopped).
     */
    public static String kubeconfigText(String url) {
        var config = new io.fabric8.kubernetes.api.model.ConfigBuilder().withApiVersion("v1").withKind("Config")
                .addNewCluster().withName("hami-demo").withNewCluster().withServer(url)
                .withInsecureSkipTlsVerify(true).endCluster().endCluster()
                .addNewContext().withName("hami-demo").withNewContext().withCluster("hami-demo")
                .withUser("hami-demo").endContext().endContext()
                .addNewUser().withName("hami-demo").withNewUser().withToken("hami-demo").endUser().endUser()
                .withCurrentContext("hami-demo").build();
        return new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asYaml(config);
    }

    /** The server's base URL. */
    public String url() {
        return client.getMasterUrl().toString();
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
