package io.hami.deviceplugin.allocate;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.model.kube.LeanPod;
import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the host state of pods that are gone: the vendor's state is read first, then the pods are listed, and only
 * state whose pod UID the list lacks is released. A pod that holds state before the list is taken is in
 * that list while it exists (the list is read from the API server, not from a cache), so the state of a pod that
 * still exists is never released; a pod bound after the list cannot hold state that was read before it. A failed
 * read or list releases nothing and is logged; the next round tries again.
 */
public final class HostStateSweep implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HostStateSweep.class);
    private static final long PAGE = 500;

    private final KubernetesClient client;
    private final String nodeName;
    private final PodHostState state;

    public HostStateSweep(KubernetesClient client, String nodeName, PodHostState state) {
        this.client = Objects.requireNonNull(client, "client");
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.state = Objects.requireNonNull(state, "state");
    }

    /** One round; failures are logged. */
    @Override
    public void run() {
        try {
            sweep();
        } catch (IOException | RuntimeException e) {
            LOG.warn("releasing the host state of pods that are gone failed (tried again next round): {}", e.toString());
        }
    }

    /**
     * One round.
     *
     * @return the UIDs whose state was released
     */
    public Set<String> sweep() throws IOException {
        var held = state.podUids();
        if (held.isEmpty()) {
            return Set.of();
        }
        var live = livePodUids();
        var gone = new HashSet<>(held);
        gone.removeAll(live);
        if (!gone.isEmpty()) {
            LOG.info("releasing the host state of {} pod(s) that are gone: {}", gone.size(), gone);
            state.releaseGone(Set.copyOf(gone));
        }
        return Set.copyOf(gone);
    }

    /**
     * The UIDs of every pod, read in pages of {@value #PAGE} from one snapshot, as HAMi's plugin reads them. Not narrowed
     * by a {@code spec.nodeName} field selector: the mock API server of the tests answers one with no pod at all, and
     * a list that misses a pod that exists would release its state.
     */
    private Set<String> livePodUids() {
        var uids = new HashSet<String>();
        String next = null;
        do {
            var page = client.resources(LeanPod.class).inAnyNamespace()
                    .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
            page.getItems().forEach(p -> uids.add(p.getMetadata().getUid()));
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return uids;
    }
}
