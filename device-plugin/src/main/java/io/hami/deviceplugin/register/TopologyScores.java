package io.hami.deviceplugin.register;

import io.hami.deviceplugin.devices.DeviceInventory.DeviceState;
import io.hami.model.device.NodeScores;
import io.hami.model.device.PairScore;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Pair scores for {@code hami.io/node-nvidia-score} from what discovery knows: the NUMA node. Two devices on
 * one NUMA node score 20 (HAMi's "same CPU" link), others 10 ("cross CPU"); devices of unknown NUMA node are
 * scored 10 with everyone. NVLink and PCIe-switch links, which HAMi adds from NVML's topology calls, are not
 * read by our bindings yet, so this is a floor of HAMi's scores, never above them. Pure.
 */
public final class TopologyScores {
    /** HAMi's score of two GPUs under the same CPU. */
    public static final int SAME_NUMA = 20;
    /** HAMi's score of two GPUs under different CPUs. */
    public static final int CROSS_NUMA = 10;

    private TopologyScores() {
    }

    /** One entry per device, scoring every other device. */
    public static NodeScores of(List<DeviceState> devices) {
        var pairs = devices.stream().map(a -> {
            var scores = new LinkedHashMap<String, Integer>();
            for (var b : devices) {
                if (b != a) {
                    var na = a.device().numa();
                    var nb = b.device().numa();
                    boolean same = na.isPresent() && nb.isPresent() && na.getAsInt() == nb.getAsInt();
                    scores.put(b.device().uuid(), same ? SAME_NUMA : CROSS_NUMA);
                }
            }
            return new PairScore(a.device().uuid(), scores);
        }).toList();
        return new NodeScores(pairs);
    }
}
