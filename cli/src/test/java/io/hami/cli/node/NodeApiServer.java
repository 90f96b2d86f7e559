package io.hami.cli.node;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.demo.api.EmbeddedApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The demo's API server for one test of {@code hami node}: the node's kubelet stand-in selects its pods by
 * {@code spec.nodeName}, as kubelet does, which this server honours and fabric8's mock server does not.
 */
final class NodeApiServer implements BeforeEachCallback, AfterEachCallback {
    private Path dir;
    private EmbeddedApiServer api;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("hami-node-api");
        api = EmbeddedApiServer.start(dir, 0);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            api.close();
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    KubernetesClient client() {
        return api.client();
    }

    /** The URL {@code hami node} is given. */
    String url() {
        return api.url();
    }
}
