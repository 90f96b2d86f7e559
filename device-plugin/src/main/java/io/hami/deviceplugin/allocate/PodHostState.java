package io.hami.deviceplugin.allocate;

import java.io.IOException;
import java.util.Set;

/**
 * Host state a vendor keeps per pod beyond its {@code Allocate} (Hygon's vDCU directories and ids), to be released
 * once the pod is gone from the API server ({@link HostStateSweep}). Implementations are thread-safe: the sweep runs
 * beside {@code Allocate}.
 */
public interface PodHostState {

    /**
     * The UIDs of the pods holding state now.
     *
     * @throws IOException when the host state cannot be read
     */
    Set<String> podUids() throws IOException;

    /**
     * Releases the state of pods the API server no longer has.
     *
     * @param gone UIDs from {@link #podUids()} that no pod of the node carries any more
     */
    void releaseGone(Set<String> gone);
}
