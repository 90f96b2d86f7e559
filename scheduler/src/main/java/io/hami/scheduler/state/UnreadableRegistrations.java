package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.Node;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.kube.KubeObjects;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Warning Events on a node whose registration of a device type cannot be read (docs/scheduler.md, "Metrics"): one
 * per node, type and value of what the type is read from (its register annotation, MetaX's topology annotations, the
 * capacity of its resources; {@link io.hami.scheduler.inventory.InventoryReader#source}). A plugin that rewrites the
 * same broken annotation on every heartbeat, or a node that stays broken across resyncs, records once; a different
 * unreadable value records again, and so does the same value once the type was read in between. Runs on the state
 * thread, like {@link ClusterModel}.
 */
final class UnreadableRegistrations {

    /** The Event's reason. */
    static final String REASON = "DeviceRegistrationUnreadable";

    private final EventSink events;
    /** Per node, per device type id (or annotation key), the unreadable text already reported. */
    private final Map<String, Map<String, String>> reported = new HashMap<>();

    UnreadableRegistrations(EventSink events) {
        this.events = events;
    }

    /**
     * Records what is new among the node's {@code problems} (per type id or annotation key, why it could not be read);
     * {@code source} gives the text a problem was read from.
     */
    void seen(Node node, Map<String, String> problems, Function<String, String> source) {
        String name = KubeObjects.name(node);
        Map<String, String> mine = reported.get(name);
        if (problems.isEmpty()) {
            if (mine != null) {
                reported.remove(name);
            }
            return;
        }
        if (mine == null) {
            mine = new HashMap<>();
            reported.put(name, mine);
        }
        mine.keySet().retainAll(problems.keySet());
        for (var problem : problems.entrySet()) {
            String text = source.apply(problem.getKey());
            if (!text.equals(mine.put(problem.getKey(), text))) {
                events.recordOnNode(node, true, REASON, problem.getKey() + " devices left out: " + problem.getValue());
            }
        }
    }

    /** The node is gone. */
    void forget(String node) {
        reported.remove(node);
    }
}
