package io.hami.deviceplugin.register;

import static io.hami.deviceplugin.PluginFixture.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.deviceplugin.PluginFixture;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code hami.io/node-nvidia-score} as the plugin writes it on the Node, from the C mock's NVLink machines through
 * the real NVML binding, against golden files (docs/protocol.md, "hami.io/node-nvidia-score"): 8 × H100 with
 * NVSwitches score every pair 1800 for its 18 links plus 20 (one NUMA node) or 10; 4 × A100 PCIe with NVLink
 * bridges score a bridged pair 1200 for its 12 links plus 50 (one PCIe switch), the others 10.
 */
@EnableKubernetesMockClient(crud = true)
class NvlinkScoreGoldenTest {
    static final String SCORE = "hami.io/node-nvidia-score";
    KubernetesClient client;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {NvmlProfile.EIGHT_H100_NVSWITCH, NvmlProfile.FOUR_A100_NVLINK_PAIRS})
    void theScoreAnnotationOfAnNvlinkMachineIsHamis(String profile) throws Exception {
        try (var _ = PluginFixture.startScoring(client, tmp, profile)) {
            assertThat(awaitScore()).isEqualTo(golden(profile + ".json"));
        }
    }

    private String awaitScore() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            var annotations = client.nodes().withName(NODE).get().getMetadata().getAnnotations();
            if (annotations != null && annotations.containsKey(SCORE)) {
                return annotations.get(SCORE);
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + SCORE + " on the node: " + annotations);
            }
            Thread.sleep(20); // polling the API server: no event to wait on
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = NvlinkScoreGoldenTest.class.getResourceAsStream("/nvml-profiles/scores/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
