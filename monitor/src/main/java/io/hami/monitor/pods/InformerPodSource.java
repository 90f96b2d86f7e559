package io.hami.monitor.pods;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hami.model.informer.RetryEveryFailure;
import io.hami.model.kube.LeanPod;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.PodContainers;
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

    private static final String BY_UID = "uid";
    private static final String ALLOCATED = Vendors.defaults().byId("nvidia").orElseThrow().annotations().devicesAllocated();

    private final SharedIndexInformer<LeanPod> informer;

    private InformerPodSource(SharedIndexInformer<LeanPod> informer) {
        this.informer = informer;
    }

    /** Starts an informer on the pods of {@code nodeName} in every namespace, resynced every {@code resync}. */
    public static InformerPodSource start(KubernetesClient client, String nodeName, Duration resync) {
        var informer = client.resources(LeanPod.class).inAnyNamespace().withLabel(HamiAnnotations.VGPU_NODE, nodeName).runnableInformer(resync.toMillis());
        informer.addIndexers(Map.of(BY_UID, pod -> List.of(String.valueOf(pod.getMetadata().getUid()))));
        RetryEveryFailure.install(informer, "pods of node " + nodeName);
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
    public static PodView view(LeanPod pod) {
        var meta = pod.getMetadata();
        var spec = pod.getSpec();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        var containers = spec == null ? PodContainers.of(List.of(), List.of())
                : PodContainers.of(spec.getInitContainers(), spec.getContainers(), LeanPod.Container::getName,
                        c -> c.getResources() == null ? null : c.getResources().getLimits(),
                        c -> c.getResources() == null ? null : c.getResources().getRequests());
        return new PodView(String.valueOf(meta.getUid()), String.valueOf(meta.getNamespace()), String.valueOf(meta.getName()),
                containers,
                Optional.ofNullable(annotations.get(ALLOCATED)),
                Optional.ofNullable(annotations.get(HamiAnnotations.MIG_ALLOCATIONS)));
    }
}
