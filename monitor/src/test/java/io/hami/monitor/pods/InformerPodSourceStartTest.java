package io.hami.monitor.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.testfixtures.net.OutageProxy;
import io.hami.testfixtures.wait.Eventually;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A monitor started while the API server cannot be reached (a node booting before its control plane answers) lists
 * its pods once the server is back, instead of leaving its informer stopped for good (docs/reliability.md, "Informers
 * that start during an outage").
 */
class InformerPodSourceStartTest {

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), true);
        server.init();
        client = server.createClient();
    }

    /**
     * fabric8's mock server can fail to stop once a watch went through the proxy: the closed watch's listener waits on
     * its event loop for its own queued sends, which need that loop, and the server gives up stopping after ten
     * seconds ("Unable to close MockWebServer"/"Vertx"). That is the mock's, after the test has decided: it is not
     * this test's outcome, so a stop that times out is let go (the server's threads go with the test JVM).
     */
    @AfterEach
    void stopServer() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("Unable to close")) {
                throw e;
            }
        }
    }

    @Test
    void anInformerWhoseFirstListFailsListsAgainOnceTheServerIsBack() throws Exception {
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("p").withNamespace("default")
                .addToLabels(HamiAnnotations.VGPU_NODE, "node-a").endMetadata().build()).create();
        var url = URI.create(client.getMasterUrl().toString());
        try (var proxy = OutageProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), url.getPort()))) {
            var config = new ConfigBuilder(client.getConfiguration())
                    .withMasterUrl(url.getScheme() + "://127.0.0.1:" + proxy.port() + "/")
                    .withRequestRetryBackoffLimit(0).build();
            try (var proxied = new KubernetesClientBuilder().withConfig(config).build()) {
                proxy.down(OutageProxy.Outage.REFUSE);
                var source = InformerPodSource.start(proxied, "node-a", Duration.ofHours(1));
                Eventually.until(Duration.ofSeconds(60), "the informer's first list reaching the proxy", () -> proxy.accepted() >= 1);
                Thread.sleep(500);
                assertThat(source.synced()).isFalse();

                proxy.up();
                Eventually.until(Duration.ofSeconds(60), "the informer listing after the outage", source::synced);
                assertThat(source.pods()).extracting(PodView::name).containsExactly("p");
            }
        }
    }
}
