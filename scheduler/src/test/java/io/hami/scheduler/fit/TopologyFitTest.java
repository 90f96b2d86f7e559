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
import io.hami.model.device.NodeScores;
import io.hami.model.device.PairScore;
import io.hami.scheduler.Kube;
import io.hami.scheduler.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** device_test.go and score_test.go topology cases: topology-aware picks by the node's pair scores. */
class TopologyFitTest {

    /** A node of GPUs named by {@code ids} with symmetric pair scores {@code "a|b" -> score}. */
    private static Scenario node(List<String> ids, Map<String, Integer> links) {
        var devices = new ArrayList<NodeDevice>();
        var scores = new HashMap<String, Map<String, Integer>>();
        for (int i = 0; i < ids.size(); i++) {
            devices.add(gpu(ids.get(i), i, 10, 1000, 100, 0));
            scores.put(ids.get(i), new HashMap<>());
        }
        links.forEach((pair, score) -> {
            String[] ab = pair.split("\\|");
            scores.get(ab[0]).put(ab[1], score);
            scores.get(ab[1]).put(ab[0], score);
        });
        var pairs = ids.stream().map(id -> new PairScore(id, scores.get(id))).toList();
        return Scenario.of(Kube.node("n", map("hami.io/node-nvidia-register",
                NodeRegisterCodec.INSTANCE.encode(new NodeRegistration(devices)),
                "hami.io/node-nvidia-score", NodeScoreCodec.INSTANCE.encode(new NodeScores(pairs)))))
                .gpuPolicy("topology-aware");
    }

    private static String take(Scenario s, int count) {
        return Scenario.nvidia(s.filter(pod("p").app(container("c", "nvidia.com/gpu", Integer.toString(count),
                "nvidia.com/gpumem", "1")).build())).replace(",NVIDIA,1,0", "");
    }

    @Test
    void takingEveryGpuFits() {
        assertThat(take(node(List.of("dev-0", "dev-1"), Map.of()), 2)).isEqualTo("dev-1:dev-0:;");
    }

    @Test
    void oneGpuIsTakenWhereItBreaksTheFewestGoodLinks() {
        var s = node(List.of("dev-0", "dev-1", "dev-2"), Map.of("dev-0|dev-1", 100, "dev-0|dev-2", 200, "dev-1|dev-2", 150));
        assertThat(take(s, 1)).isEqualTo("dev-1:;");
    }

    @Test
    void twoGpusAreTheBestLinkedPair() {
        var s = node(List.of("dev-0", "dev-1", "dev-2"), Map.of("dev-0|dev-1", 100, "dev-0|dev-2", 200, "dev-1|dev-2", 150));
        assertThat(take(s, 2)).isEqualTo("dev-2:dev-0:;");
    }

    @Test
    void allZeroScoresStillGiveTwoGpus() {
        assertThat(take(node(List.of("dev-0", "dev-1", "dev-2"), Map.of()), 2)).isEqualTo("dev-2:dev-1:;");
    }

    @Test
    void threeOfSixFollowTheStrongLinks() {
        var ids = List.of("a", "b", "c", "d", "e", "f");
        var s = node(ids, Map.of("f|a", 400, "f|c", 400, "a|c", 100));
        assertThat(take(s, 3)).isEqualTo("f:c:a:;");
    }

    @Test
    void aSingleCardComesFromTheWeaklyLinkedOne() {
        var ids = List.of("a", "b", "c", "d", "e", "f");
        var links = new HashMap<String, Integer>();
        for (String x : ids) {
            for (String y : ids) {
                if (x.compareTo(y) < 0) {
                    links.put(x + "|" + y, x.equals("f") || y.equals("f") ? 10 : 100);
                }
            }
        }
        assertThat(take(node(ids, links), 1)).isEqualTo("f:;");
    }
}
