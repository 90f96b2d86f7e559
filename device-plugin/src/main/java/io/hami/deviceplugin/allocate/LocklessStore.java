package io.hami.deviceplugin.allocate;

import io.hami.model.protocol.HamiCoreOptions;
import io.hami.model.store.AllocationStore;
import java.util.Objects;

/**
 * Where a lockless plugin keeps its records (docs/protocol.md, "Binds without the node lock"), and the optional
 * HAMi-core variables of its own settings that every record carries, so that a lockless container gets what
 * {@code Allocate} would give it.
 *
 * @param store    the node's allocation store
 * @param hamiCore the plugin's optional HAMi-core variables
 */
public record LocklessStore(AllocationStore store, HamiCoreOptions hamiCore) {
    public LocklessStore {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(hamiCore, "hamiCore");
    }
}
