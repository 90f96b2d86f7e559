package io.hami.monitor.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hami.model.vendor.Vendors;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's pods through a fabric8 informer on the label {@code hami.io/vgpu-node=<node>}, which HAMi's
 * scheduler puts on every pod it places (together with the annotation of the same name), and which HAMi's
 * own monitor filters its metrics by. A label selector also works against the API server's watch cache
 * and the fabric8 mock server alike.
 *
 * <p>Lookups read the informer's indexed store, which is filled before {@link #synced()} turns true, so a
 * pod listed at start can never look unknown to discovery (event handlers run later and would race).
 */
public final class InformerPodSource implements PodSource {
    /** The label (and annotation) HAMi's scheduler sets to the node a pod was placed on. */
    public static final String NODE_LABEL = "hami.io/vgpu-node";

    private static final String BY_UID = "uid";
    private static final String ALLOCATED = Vendors.defaults().byId("nvidia").orElseThrow().annotations().devicesAllocated();
    private static final String MIG_ALLOCATIONS = "hami.io/vgpu-mig-allocations";

    private final SharedIndexInformer<Pod> informer;

    private InformerPodSource(SharedIndexInformer<Pod> informer) {
        this.informer = informer;
    }

    /** Starts an informer on the pods of {@code nodeName} in every namespace, resynced every {@code resync}. */
    public static InformerPodSource start(KubernetesClient client, String nodeName, Duration resync) {
        var informer = client.pods().inAnyNamespace().withLabel(NODE_LABEL, nodeName).runnableInformer(resync.toMillis());
        informer.addIndexers(Map.of(BY_UID, pod -> List.of(String.valueOf(pod.getMetadata().getUid()))));
        informer.start();
        return new InformerPodSource(informer);
    }

    @Override
    public boolean synced() {
        return informer.hasSynced();
    }

    @Override
    public Collection<PodView> pods() {
        return informer.getStore().list().stream().map(InformerPodSource::view).toList();
    }

    @Override
    public Optional<PodView> byUid(String uid) {
        return informer.getIndexer().byIndex(BY_UID, uid).stream().findFirst().map(InformerPodSource::view);
    }

    @Override
    public void close() {
        informer.close();
    }

    /** The monitor's view of an API pod. */
    public static PodView view(Pod pod) {
        var meta = pod.getMetadata();
        var spec = pod.getSpec();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        return new PodView(String.valueOf(meta.getUid()), String.valueOf(meta.getNamespace()), String.valueOf(meta.getName()),
                spec == null ? List.of() : names(spec.getInitContainers()),
                spec == null ? List.of() : names(spec.getContainers()),
                Optional.ofNullable(annotations.get(ALLOCATED)),
                Optional.ofNullable(annotations.get(MIG_ALLOCATIONS)));
    }

    private static List<String> names(List<Container> containers) {
        return containers == null ? List.of() : containers.stream().map(c -> String.valueOf(c.getName())).toList();
    }
}
