package io.hami.deviceplugin.allocate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.kube.LeanPod;
import io.hami.model.protocol.PodContainers;
import java.util.List;

/** The model's view of a pod's containers, from the API object (docs/protocol.md, "Allocation entries and containers"). */
public final class KubePods {

    private KubePods() {
    }

    /** The pod's containers in annotation order, with the resources each asks for. */
    public static PodContainers containers(LeanPod pod) {
        var spec = pod.getSpec();
        if (spec == null) {
            return PodContainers.of(List.of(), List.of());
        }
        return PodContainers.of(spec.getInitContainers(), spec.getContainers(), LeanPod.Container::getName,
                c -> c.getResources() == null ? null : c.getResources().getLimits(),
                c -> c.getResources() == null ? null : c.getResources().getRequests());
    }

    /**
     * The same of a pod read through fabric8's model (the demo's audit reads the cluster that way); the node daemons
     * read theirs as {@link LeanPod}.
     */
    public static PodContainers containers(Pod pod) {
        var spec = pod.getSpec();
        if (spec == null) {
            return PodContainers.of(List.of(), List.of());
        }
        return PodContainers.of(spec.getInitContainers(), spec.getContainers(), Container::getName,
                c -> c.getResources() == null ? null : c.getResources().getLimits(),
                c -> c.getResources() == null ? null : c.getResources().getRequests());
    }
}
