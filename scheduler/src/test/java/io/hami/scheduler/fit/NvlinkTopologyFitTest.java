package io.hami.scheduler.fit;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.gpu;
import static io.hami.scheduler.Kube.map;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.annotation.NodeScoreCodec;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.scheduler.Kube;
import io.hami.scheduler.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The topology-aware policy on the score annotations our device plugin writes for the mock's NVLink machines (the
 * golden files of test-fixtures, the same strings {@code NvlinkScoreGoldenTest} checks the plugin against).
 */
class NvlinkTopologyFitTest {

    private static final String H100 = "h100x8-nvswitch";
    private static final String A100_PAIRS = "a100-pcie-x4-nvlink-pairs";

    private static String golden(String profile) throws IOException {
        try (InputStream in = NvlinkTopologyFitTest.class.getResourceAsStream("/nvml-profiles/scores/" + profile + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /** A node of the profile's GPUs (in the score's order, NUMA halves as the profiles place them) with its scores. */
    private static Scenario node(String profile) throws Exception {
        String score = golden(profile);
        var uuids = NodeScoreCodec.INSTANCE.decode(score).pairs().stream().map(p -> p.uuid()).toList();
        var devices = new ArrayList<NodeDevice>();
        for (int i = 0; i < uuids.size(); i++) {
            devices.add(gpu(uuids.get(i), i, 10, 80000, 100, i < uuids.size() / 2 ? 0 : 1));
        }
        return Scenario.of(Kube.node("n", map("hami.io/node-nvidia-register",
                NodeRegisterCodec.INSTANCE.encode(new NodeRegistration(devices)), "hami.io/node-nvidia-score", score)))
                .gpuPolicy("topology-aware");
    }

    /** The positions (in the profile's order) of the GPUs a pod taking {@code count} gets. */
    private static Set<Integer> take(String profile, int count) throws Exception {
        var s = node(profile);
        var uuids = NodeScoreCodec.INSTANCE.decode(golden(profile)).pairs().stream().map(p -> p.uuid()).toList();
        String entry = Scenario.nvidia(s.filter(pod("p").app(container("c", "nvidia.com/gpu", Integer.toString(count),
                "nvidia.com/gpumem", "1")).build()));
        var chosen = new TreeSet<Integer>();
        Arrays.stream(entry.split("[:;]")).filter(e -> !e.isEmpty())
                .forEach(e -> chosen.add(uuids.indexOf(e.split(",")[0])));
        return chosen;
    }

    @Test
    void twoGpusOfTheBridgedA100sAreABridgedPair() throws Exception {
        assertThat(take(A100_PAIRS, 2)).isIn(Set.of(0, 1), Set.of(2, 3));
    }

    @Test
    void fourH100sStayOnOneNumaNodeWhereEveryPairScores1820() throws Exception {
        assertThat(take(H100, 4)).isIn(Set.of(0, 1, 2, 3), Set.of(4, 5, 6, 7));
    }

    @Test
    void twoH100sStayOnOneNumaNode() throws Exception {
        var chosen = new ArrayList<>(take(H100, 2));
        assertThat(chosen).hasSize(2);
        assertThat(chosen.get(0) < 4).isEqualTo(chosen.get(1) < 4);
    }
}
