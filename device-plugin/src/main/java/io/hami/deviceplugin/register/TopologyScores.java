package io.hami.deviceplugin.register;

import io.hami.bindings.nvml.GpuPairLinks;
import io.hami.bindings.nvml.TopologyLevel;
import io.hami.deviceplugin.devices.DeviceInventory.DeviceState;
import io.hami.model.device.NodeScores;
import io.hami.model.device.PairScore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pair scores for {@code hami.io/node-nvidia-score}, as HAMi's NVIDIA plugin computes them (docs/protocol.md,
 * {@code hami.io/node-nvidia-score}; HAMi: {@code calculateGPUPairScore} in {@code pkg/device/nvidia/calculate_score.go}).
 * A pair adds up its links, each counted from both GPUs' sides: the PCIe path (10 across CPUs, 20 under one CPU,
 * 30 under one host bridge, 40 through several PCIe switches, 50 under one switch, 60 on one board) and the NVLinks
 * (100 a link, 1 to 18 links, directly or through NVSwitches). A pair whose two sides report different numbers of
 * links scores 0, as HAMi scores it (a sign of a broken NVLink). Where the library cannot tell links (no NVML
 * topology), the NUMA node stands in: 20 on one node, 10 across, a floor of HAMi's values. Pure.
 */
public final class TopologyScores {
    /** HAMi's score of two GPUs under the same CPU. */
    public static final int SAME_NUMA = 20;
    /** HAMi's score of two GPUs under different CPUs. */
    public static final int CROSS_NUMA = 10;
    /** HAMi's score of one NVLink. */
    public static final int PER_NVLINK = 100;
    /** The most NVLinks HAMi counts between two GPUs. */
    public static final int MAX_NVLINKS = 18;

    private TopologyScores() {
    }

    /** One entry per device, scoring every other device by NUMA node only. */
    public static NodeScores of(List<DeviceState> devices) {
        return of(devices, List.of());
    }

    /**
     * One entry per device, scoring every other device from {@code links} (every ordered pair, as NVML tells them);
     * a pair {@code links} does not cover is scored by NUMA node.
     */
    public static NodeScores of(List<DeviceState> devices, List<GpuPairLinks> links) {
        Map<String, GpuPairLinks> byPair = new HashMap<>();
        links.forEach(l -> byPair.put(l.from() + "\n" + l.to(), l));
        var pairs = devices.stream().map(a -> {
            var scores = new LinkedHashMap<String, Integer>();
            for (var b : devices) {
                if (b != a) {
                    var ab = byPair.get(a.device().uuid() + "\n" + b.device().uuid());
                    var ba = byPair.get(b.device().uuid() + "\n" + a.device().uuid());
                    scores.put(b.device().uuid(), ab != null && ba != null ? pairScore(ab, ba) : numaScore(a, b));
                }
            }
            return new PairScore(a.device().uuid(), scores);
        }).toList();
        return new NodeScores(pairs);
    }

    private static int numaScore(DeviceState a, DeviceState b) {
        var na = a.device().numa();
        var nb = b.device().numa();
        return na.isPresent() && nb.isPresent() && na.getAsInt() == nb.getAsInt() ? SAME_NUMA : CROSS_NUMA;
    }

    /** HAMi's pair score: the links of {@code ab}, or 0 when the two sides disagree on how many there are. */
    static int pairScore(GpuPairLinks ab, GpuPairLinks ba) {
        if (linkCount(ab) != linkCount(ba)) {
            return 0;
        }
        int score = ab.ancestor().map(TopologyScores::pathScore).orElse(0);
        if (countsNvLinks(ab)) {
            score += PER_NVLINK * ab.nvlinks();
        }
        return score;
    }

    private static int linkCount(GpuPairLinks l) {
        return (l.ancestor().isPresent() ? 1 : 0) + (countsNvLinks(l) ? 1 : 0);
    }

    private static boolean countsNvLinks(GpuPairLinks l) {
        return l.nvlinks() >= 1 && l.nvlinks() <= MAX_NVLINKS;
    }

    private static int pathScore(TopologyLevel level) {
        return switch (level) {
            case SYSTEM -> CROSS_NUMA;
            case NODE -> SAME_NUMA;
            case HOSTBRIDGE -> 30;
            case MULTIPLE -> 40;
            case SINGLE -> 50;
            case INTERNAL -> 60;
        };
    }
}
