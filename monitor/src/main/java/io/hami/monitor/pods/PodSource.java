package io.hami.monitor.pods;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pods of this node, as far as the monitor knows them. Implementations are thread-safe: discovery
 * asks from its loop, metrics from scrape threads.
 */
public interface PodSource extends AutoCloseable {

    /**
     * Whether the source has listed the API at least once. Until then an unknown UID proves nothing, and
     * no directory may be removed for it.
     */
    boolean synced();

    /** Every known pod of the node. */
    Collection<PodView> pods();

    /** The pod with this UID, when known. */
    Optional<PodView> byUid(String uid);

    /** Stops watching; closing twice is harmless. */
    @Override
    void close();

    /** A fixed, synced set of pods (tests, benchmarks). */
    static PodSource of(Collection<PodView> pods) {
        Map<String, PodView> byUid = pods.stream().collect(Collectors.toUnmodifiableMap(PodView::uid, Function.identity()));
        var list = List.copyOf(pods);
        return new PodSource() {
            @Override
            public boolean synced() {
                return true;
            }

            @Override
            public Collection<PodView> pods() {
                return list;
            }

            @Override
            public Optional<PodView> byUid(String uid) {
                return Optional.ofNullable(byUid.get(uid));
            }

            @Override
            public void close() {
            }
        };
    }
}
