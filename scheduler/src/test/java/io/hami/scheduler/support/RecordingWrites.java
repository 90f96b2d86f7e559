package io.hami.scheduler.support;

import io.hami.scheduler.apiserver.ApiException;
import io.hami.scheduler.apiserver.ClusterWrites;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** {@link ClusterWrites} that records every call and can be told to fail. */
public final class RecordingWrites implements ClusterWrites {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public volatile ApiException failPatch;
    public volatile ApiException failBind;
    /** When set, the next pod patch (only that one) waits for it to open before it is recorded and answered. */
    public final AtomicReference<CountDownLatch> patchGate = new AtomicReference<>();

    @Override
    public void patchPod(String namespace, String name, Map<String, String> annotations, Map<String, String> labels)
            throws ApiException {
        CountDownLatch gate = patchGate.getAndSet(null);
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ApiException.Kind.OTHER, "interrupted");
            }
        }
        calls.add("patchPod " + namespace + "/" + name + " " + new java.util.TreeMap<>(annotations) + " " + labels);
        if (failPatch != null) {
            throw failPatch;
        }
    }

    @Override
    public void bind(String namespace, String name, String uid, String node, Map<String, String> annotations)
            throws ApiException {
        calls.add("bind " + namespace + "/" + name + " " + uid + " " + node
                + (annotations.isEmpty() ? "" : " " + new java.util.TreeMap<>(annotations)));
        if (failBind != null) {
            throw failBind;
        }
    }

    @Override
    public void patchNode(String node, Map<String, String> annotations) {
        calls.add("patchNode " + node + " " + annotations);
    }
}
