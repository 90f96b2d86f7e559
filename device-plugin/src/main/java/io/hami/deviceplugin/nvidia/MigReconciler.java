package io.hami.deviceplugin.nvidia;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.model.device.MigAllocation;
import io.hami.model.kube.LeanPod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the GPUs' MIG instances back to what the pods' reservations say (docs/vendors.md, "NVIDIA — dynamic MIG"):
 * run when the plugin starts, every registration interval and when a pod is deleted, it destroys each instance no pod
 * that exists and has not ended reserves, and each instance left half made. A pod whose reservations cannot be read
 * stops the round before anything is destroyed (it may own any instance); so does a failed list. Failures are logged
 * and the next round tries again.
 */
public final class MigReconciler implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(MigReconciler.class);
    private static final long PAGE = 500;

    private final KubernetesClient client;
    private final DynamicMig mig;

    public MigReconciler(KubernetesClient client, DynamicMig mig) {
        this.client = Objects.requireNonNull(client, "client");
        this.mig = Objects.requireNonNull(mig, "mig");
    }

    @Override
    public void run() {
        try {
            var destroyed = mig.reconcile(this::owners);
            if (!destroyed.isEmpty()) {
                LOG.info("destroyed {} MIG instance(s) no pod owns: {}", destroyed.size(), destroyed);
            }
        } catch (RuntimeException e) {
            LOG.warn("reconciling the MIG instances failed (tried again next round): {}", e.getMessage());
        }
    }

    /**
     * The reservations of every pod that exists and has not ended, read from the API server in pages (not narrowed to
     * this node: a reservation names its GPU by UUID, and a list that missed an owner would destroy its instance).
     *
     * @throws IllegalStateException naming the pod whose reservations cannot be read
     */
    List<MigAllocation> owners() {
        var out = new ArrayList<MigAllocation>();
        String next = null;
        do {
            var page = client.resources(LeanPod.class).inAnyNamespace()
                    .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
            for (var pod : page.getItems()) {
                if (ended(pod)) {
                    continue;
                }
                var annotations = pod.getMetadata().getAnnotations();
                try {
                    out.addAll(DynamicMigEnvironment.decode(annotations == null ? Map.of() : annotations).allocations());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("pod " + pod.getMetadata().getNamespace() + "/"
                            + pod.getMetadata().getName() + ": " + e.getMessage() + "; no instance is destroyed");
                }
            }
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return out;
    }

    /** Being deleted, or finished: its instances serve no container any more. */
    static boolean ended(LeanPod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return true;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
