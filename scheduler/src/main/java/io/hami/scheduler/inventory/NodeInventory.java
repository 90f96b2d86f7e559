package io.hami.scheduler.inventory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a node offers, read once from its Node object by {@link InventoryReader}: its devices of every configured type,
 * and why a type that is there could not be read.
 *
 * @param name              the node's name
 * @param devices           its devices, by type (catalog order), then in the order the node agent lists them
 * @param problems          per device type id (or annotation key), why its devices could not be read (invalid
 *                          annotation or capacity); a type the node simply does not have is not a problem
 * @param cordoned          UUIDs listed in {@code hami.io/device-cordon}: kept, never chosen
 * @param pairScores        NVIDIA topology pair scores ({@code hami.io/node-nvidia-score}): UUID to peer UUID to score
 * @param ascendSoftCapable whether the node allows Ascend HAMi-core soft split ({@code hami-vnpu-core})
 * @param metaxTopology     MetaX whole-GPU topology losses and scores
 */
public record NodeInventory(String name, List<DeviceSpec> devices, Map<String, String> problems, Set<String> cordoned,
                            Map<String, Map<String, Integer>> pairScores, boolean ascendSoftCapable,
                            MetaxTopology metaxTopology) {

    public NodeInventory {
        Objects.requireNonNull(name, "name");
        devices = List.copyOf(devices);
        problems = Map.copyOf(problems);
        cordoned = Set.copyOf(cordoned);
        pairScores = Map.copyOf(pairScores);
        Objects.requireNonNull(metaxTopology, "metaxTopology");
    }

    /** A node without MetaX whole-GPU topology. */
    public NodeInventory(String name, List<DeviceSpec> devices, Map<String, String> problems, Set<String> cordoned,
                         Map<String, Map<String, Integer>> pairScores, boolean ascendSoftCapable) {
        this(name, devices, problems, cordoned, pairScores, ascendSoftCapable, MetaxTopology.NONE);
    }

    /** Whether the node has any device of any configured type. */
    public boolean hasDevices() {
        return !devices.isEmpty();
    }

    /** The pair score of two devices, 0 when unknown (HAMi counts missing scores as 0). */
    public int pairScore(String from, String to) {
        var peers = pairScores.get(from);
        if (peers == null) {
            return 0;
        }
        Integer score = peers.get(to);
        return score == null ? 0 : score;
    }
}
