package io.hami.deviceplugin.register;

import static io.hami.deviceplugin.PluginFixture.GPU0;
import static io.hami.deviceplugin.PluginFixture.GPU1;
import static io.hami.deviceplugin.PluginFixture.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.deviceplugin.PluginFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The register annotation as the plugin writes it on the Node in the mock API server. */
@EnableKubernetesMockClient(crud = true)
class NodeRegistrationTest {
    static final String REGISTER = "hami.io/node-nvidia-register";
    static final String V100 = "\"count\":4,\"devmem\":16384,\"devcore\":100,\"type\":\"NVIDIA-Tesla V100-PCIE-16GB\"";

    KubernetesClient client;

    @TempDir
    Path tmp;

    private Map<String, String> awaitAnnotations(Predicate<Map<String, String>> done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            var node = client.nodes().withName(NODE).get();
            var annotations = node.getMetadata().getAnnotations();
            if (annotations != null && done.test(annotations)) {
                return annotations;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("node annotations never matched: " + annotations);
            }
            Thread.sleep(20); // polling the API server: no event to wait on
        }
    }

    @Test
    void writesTheRegisterAnnotationOnceAndDoesNotPatchAnUnchangedValue() throws Exception {
        try (var node = PluginFixture.start(client, tmp)) {
            var annotations = awaitAnnotations(a -> a.containsKey(REGISTER));
            assertThat(annotations.get(REGISTER)).isEqualTo("[{\"id\":\"" + GPU0 + "\"," + V100
                    + ",\"mode\":\"hami-core\",\"health\":true},{\"id\":\"" + GPU1 + "\",\"index\":1," + V100
                    + ",\"numa\":1,\"mode\":\"hami-core\",\"health\":true}]");
            assertThat(annotations).doesNotContainKey("hami.io/node-nvidia-score");
            var version = client.nodes().withName(NODE).get().getMetadata().getResourceVersion();

            assertThat(node.plugin.registrar().registerOnce()).isEqualTo(NodeRegistrar.Outcome.UNCHANGED);
            assertThat(client.nodes().withName(NODE).get().getMetadata().getResourceVersion()).isEqualTo(version);
        }
    }

    @Test
    void rewritesTheAnnotationWhenAGpuTurnsUnhealthy() throws Exception {
        try (var node = PluginFixture.start(client, tmp)) {
            awaitAnnotations(a -> a.containsKey(REGISTER));
            assertThat(node.mock.injectXid(1, 48)).isZero();
            var annotations = awaitAnnotations(a -> a.get(REGISTER).contains("\"numa\":1,\"mode\":\"hami-core\"}"));
            assertThat(annotations.get(REGISTER)).contains("\"id\":\"" + GPU0 + "\"," + V100 + ",\"mode\":\"hami-core\",\"health\":true}");
        }
    }

    @Test
    void writesNumaPairScoresWhenTopologyScoringIsOn() throws Exception {
        try (var _ = PluginFixture.start(client, tmp, true)) {
            var annotations = awaitAnnotations(a -> a.containsKey("hami.io/node-nvidia-score"));
            assertThat(annotations.get("hami.io/node-nvidia-score")).isEqualTo("[{\"uuid\":\"" + GPU0 + "\",\"score\":{\"" + GPU1
                    + "\":10}},{\"uuid\":\"" + GPU1 + "\",\"score\":{\"" + GPU0 + "\":10}}]");
        }
    }
}
