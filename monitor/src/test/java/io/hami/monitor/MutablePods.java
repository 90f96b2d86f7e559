package io.hami.monitor;

import io.hami.monitor.pods.PodSource;
import io.hami.monitor.pods.PodView;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A pod source tests change between passes. */
public final class MutablePods implements PodSource {
    private final Map<String, PodView> pods = new ConcurrentHashMap<>();
    private volatile boolean synced = true;
    private volatile boolean failing;

    public MutablePods add(PodView pod) {
        pods.put(pod.uid(), pod);
        return this;
    }

    public MutablePods remove(String uid) {
        pods.remove(uid);
        return this;
    }

    public MutablePods synced(boolean value) {
        synced = value;
        return this;
    }

    /** While {@code value} is true, every question to the source throws, as a broken informer might. */
    public MutablePods failing(boolean value) {
        failing = value;
        return this;
    }

    private void check() {
        if (failing) {
            throw new IllegalStateException("pod source failing (test)");
        }
    }

    @Override
    public boolean synced() {
        check();
        return synced;
    }

    @Override
    public Collection<PodView> pods() {
        check();
        return List.copyOf(pods.values());
    }

    @Override
    public Optional<PodView> byUid(String uid) {
        check();
        return Optional.ofNullable(pods.get(uid));
    }

    @Override
    public void close() {
    }
}
