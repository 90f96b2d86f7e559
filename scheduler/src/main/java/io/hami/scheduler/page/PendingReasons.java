package io.hami.scheduler.page;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.kube.KubeObjects;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why the filter last refused each pod, learnt from the Events the filter records (it writes {@code FilteringFailed}
 * per reason and once more "no available node, …" to close the call, and {@code FilteringSucceed} when a node fits):
 * an {@link EventSink} in front of the real one, so the filter needs no second way to report. Bounded to
 * {@value #MAX_PODS} pods, the oldest forgotten first. Thread-safe.
 */
public final class PendingReasons implements EventSink {

    /** The most pods remembered. */
    static final int MAX_PODS = 1000;
    /** The most reason lines kept per pod (one per reason word of the last call, and the closing line). */
    static final int MAX_LINES = 16;
    private static final String CLOSING = "no available node";

    /**
     * A pod the filter refused.
     *
     * @param uid       the pod's UID
     * @param namespace its namespace
     * @param name      its name
     * @param since     when the last refusal was recorded
     * @param reasons   the reason lines of the last call
     */
    public record Entry(String uid, String namespace, String name, Instant since, List<String> reasons) {
        public Entry {
            reasons = List.copyOf(reasons);
        }
    }

    private final EventSink delegate;
    private final Clock clock;
    /** Per pod UID, the last complete call's reasons; insertion-ordered so that the oldest goes first. */
    private final LinkedHashMap<String, Entry> refused = new LinkedHashMap<>();
    /** Per pod UID, the lines of a call still being recorded. */
    private final Map<String, List<String>> open = new LinkedHashMap<>();

    public PendingReasons(EventSink delegate, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void record(Pod pod, boolean warning, String reason, String message) {
        remember(pod, reason, message);
        delegate.record(pod, warning, reason, message);
    }

    /** Node events are passed on: they tell nothing about why a pod waits. */
    @Override
    public void recordOnNode(Node node, boolean warning, String reason, String message) {
        delegate.recordOnNode(node, warning, reason, message);
    }

    private synchronized void remember(Pod pod, String reason, String message) {
        String uid = KubeObjects.uid(pod);
        if (uid.isEmpty()) {
            return;
        }
        switch (reason) {
            case "FilteringSucceed" -> {
                refused.remove(uid);
                open.remove(uid);
            }
            case "FilteringFailed" -> {
                List<String> lines = open.computeIfAbsent(uid, k -> new ArrayList<>());
                if (lines.size() < MAX_LINES) {
                    lines.add(message);
                }
                if (message.startsWith(CLOSING)) {
                    open.remove(uid);
                    refused.remove(uid);
                    refused.put(uid, new Entry(uid, KubeObjects.namespace(pod), KubeObjects.name(pod),
                            clock.instant(), lines));
                    while (refused.size() > MAX_PODS) {
                        refused.pollFirstEntry();
                    }
                }
                while (open.size() > MAX_PODS) {
                    open.remove(open.keySet().iterator().next());
                }
            }
            default -> {
            }
        }
    }

    /** The pods refused, oldest refusal first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(refused.values());
    }

    /** Forgets a pod (deleted, or placed by another way). */
    public synchronized void forget(String uid) {
        refused.remove(uid);
        open.remove(uid);
    }
}
