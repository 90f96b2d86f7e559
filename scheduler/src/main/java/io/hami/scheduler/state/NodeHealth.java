package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.annotation.Handshake;
import io.hami.model.annotation.HandshakeCodec;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.NodeInventory;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which device types of a node are alive (docs/protocol.md, {@code hami.io/node-handshake}), judged from the node
 * alone: its handshake annotation, and the count resource the node's device plugin advertises in
 * {@code status.allocatable}. Owned by the state thread.
 *
 * <p>A type is dead when its allocatable count is 0 and either it was positive before (the plugin went away) or the
 * scheduler's {@code Requesting_<time>} stamp is older than 60 s (the plugin never came). A handshake that is not a
 * request ({@code Reported…}, {@code Deleted…}, absent, anything else) asks for a fresh stamp; a request without a
 * readable time never expires, as in HAMi. Types registered from node capacity (no handshake key) are always alive:
 * their devices vanish with the capacity.
 *
 * <p>Deviation: HAMi deletes the handshake of a dead node and stamps it again on the next round, so a node whose
 * plugin is gone flaps back every other minute. Here the expired stamp stays and the node stays out until the plugin
 * advertises devices again.
 */
final class NodeHealth {

    /**
     * The judgement of one node.
     *
     * @param dead  ids of the types whose devices must not be scheduled
     * @param stamp handshake keys that need a fresh {@code Requesting_<now>} (written by the leader)
     */
    record Verdict(Set<String> dead, List<String> stamp) {
    }

    private final DeviceTypes types;
    /** Node name to type id to whether its allocatable count was ever positive. */
    private final Map<String, Map<String, Boolean>> advertised = new HashMap<>();

    NodeHealth(DeviceTypes types) {
        this.types = types;
    }

    Verdict judge(Node node, NodeInventory raw, Instant now, ZoneId zone) {
        String name = KubeObjects.name(node);
        var seen = advertised.computeIfAbsent(name, k -> new HashMap<>());
        var present = new HashSet<String>(raw.problems().keySet());
        for (DeviceSpec d : raw.devices()) {
            present.add(d.type().id());
        }
        var dead = new HashSet<String>();
        var stamp = new ArrayList<String>();
        for (DeviceType t : types.all()) {
            if (!present.contains(t.id())) {
                seen.remove(t.id());
                continue;
            }
            var key = t.descriptor().annotations().handshake();
            if (key.isEmpty()) {
                continue;
            }
            long allocatable = allocatable(node, t.descriptor().resources().count());
            boolean wasAdvertised = seen.getOrDefault(t.id(), false);
            if (allocatable > 0) {
                seen.put(t.id(), true);
            }
            Handshake handshake = handshake(KubeObjects.annotation(node, key.get()));
            boolean expired = handshake instanceof Handshake.Requesting r && r.expired(now, zone);
            if (allocatable <= 0 && (wasAdvertised || expired)) {
                dead.add(t.id());
            }
            if (!handshake.isRequesting()) {
                stamp.add(key.get());
            }
        }
        return new Verdict(Set.copyOf(dead), List.copyOf(stamp));
    }

    void forget(String node) {
        advertised.remove(node);
    }

    private static Handshake handshake(String value) {
        try {
            return HandshakeCodec.INSTANCE.decode(value == null ? "" : value);
        } catch (WireFormatException e) {
            throw new IllegalStateException("the handshake codec rejects only null", e);
        }
    }

    /** The node's allocatable count of a resource; 0 when absent or not a whole number. */
    static long allocatable(Node node, String resource) {
        if (node.getStatus() == null || node.getStatus().getAllocatable() == null) {
            return 0;
        }
        Quantity q = node.getStatus().getAllocatable().get(resource);
        if (q == null || q.getAmount() == null) {
            return 0;
        }
        String text = q.getFormat() == null ? q.getAmount() : q.getAmount() + q.getFormat();
        try {
            return io.hami.model.quantity.Quantity.parse(resource, text).asExactLong().orElse(0);
        } catch (WireFormatException e) {
            return 0;
        }
    }
}
