package io.hami.scheduler.leader;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.scheduler.kube.KubeObjects;
import java.util.Map;

/**
 * The leader's relabelling of the scheduler pods (docs/scheduler.md, "Leadership"): its own pod
 * {@code hami.io/scheduler-role=leader}, the other pods labelled {@code app.kubernetes.io/component=hami-scheduler} in
 * its namespace {@code follower}; the chart's Service selects the leader. Only changed labels are patched.
 */
public final class RoleLabeler {

    /** The label that marks scheduler pods. */
    public static final String COMPONENT = "app.kubernetes.io/component";
    /** Its value. */
    public static final String SCHEDULER = "hami-scheduler";

    private final KubernetesClient client;
    private final String namespace;
    private final String self;

    public RoleLabeler(KubernetesClient client, String namespace, String self) {
        this.client = client;
        this.namespace = namespace;
        this.self = self;
    }

    /** Labels the scheduler pods; fabric8 failures propagate (the caller logs them once). */
    public void label() {
        for (Pod pod : client.pods().inNamespace(namespace).withLabel(COMPONENT, SCHEDULER).list().getItems()) {
            String name = KubeObjects.name(pod);
            String role = name.equals(self) ? "leader" : "follower";
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (labels != null && role.equals(labels.get(HamiAnnotations.SCHEDULER_ROLE))) {
                continue;
            }
            Pod patch = new PodBuilder().withNewMetadata().addToLabels(HamiAnnotations.SCHEDULER_ROLE, role).endMetadata().build();
            client.pods().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        }
    }
}
