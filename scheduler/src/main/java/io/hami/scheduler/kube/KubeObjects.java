package io.hami.scheduler.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.protocol.PodContainers;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Null-safe reads of the parts of fabric8 objects the scheduler looks at. Objects from the API server or from a test
 * may leave any of these parts out; every accessor answers "absent" instead of throwing.
 */
public final class KubeObjects {

    private KubeObjects() {
    }

    /** The object's annotations, never {@code null}. */
    public static Map<String, String> annotations(HasMetadata object) {
        if (object == null || object.getMetadata() == null || object.getMetadata().getAnnotations() == null) {
            return Map.of();
        }
        return object.getMetadata().getAnnotations();
    }

    /** The labels, never {@code null}. */
    public static Map<String, String> labels(HasMetadata object) {
        if (object == null || object.getMetadata() == null || object.getMetadata().getLabels() == null) {
            return Map.of();
        }
        return object.getMetadata().getLabels();
    }

    /** One annotation, or {@code null} when absent. */
    public static String annotation(HasMetadata object, String key) {
        return annotations(object).get(key);
    }

    /** The object's name, or {@code ""}. */
    public static String name(HasMetadata object) {
        return object == null || object.getMetadata() == null || object.getMetadata().getName() == null
                ? "" : object.getMetadata().getName();
    }

    /** The object's namespace, or {@code ""}. */
    public static String namespace(HasMetadata object) {
        return object == null || object.getMetadata() == null || object.getMetadata().getNamespace() == null
                ? "" : object.getMetadata().getNamespace();
    }

    /** The object's UID, or {@code ""}. */
    public static String uid(HasMetadata object) {
        return object == null || object.getMetadata() == null || object.getMetadata().getUid() == null
                ? "" : object.getMetadata().getUid();
    }

    /** The pod's init containers, never {@code null}. */
    public static List<Container> initContainers(Pod pod) {
        return pod == null || pod.getSpec() == null || pod.getSpec().getInitContainers() == null
                ? List.of() : pod.getSpec().getInitContainers();
    }

    /** The pod's app containers, never {@code null}. */
    public static List<Container> containers(Pod pod) {
        return pod == null || pod.getSpec() == null || pod.getSpec().getContainers() == null
                ? List.of() : pod.getSpec().getContainers();
    }

    /** The pod's containers in the order of its allocation annotations: init containers, then app containers. */
    public static List<Container> inAnnotationOrder(Pod pod) {
        return PodContainers.inAnnotationOrder(initContainers(pod), containers(pod));
    }

    /** The container's name, or {@code ""}. */
    public static String name(Container container) {
        return container == null || container.getName() == null ? "" : container.getName();
    }

    /**
     * A resource of a container as HAMi reads it: from {@code limits} first, then from {@code requests}, as the text
     * of the quantity ({@code 16Gi}).
     */
    public static Optional<String> resource(Container container, String name) {
        if (container == null || container.getResources() == null) {
            return Optional.empty();
        }
        var found = text(container.getResources().getLimits(), name);
        return found.isPresent() ? found : text(container.getResources().getRequests(), name);
    }

    /** A resource of a container's {@code limits} only (MetaX reads nothing else). */
    public static Optional<String> limit(Container container, String name) {
        if (container == null || container.getResources() == null) {
            return Optional.empty();
        }
        return text(container.getResources().getLimits(), name);
    }

    /** A resource of the node's {@code status.capacity}, as text. */
    public static Optional<String> capacity(Node node, String name) {
        if (node == null || node.getStatus() == null) {
            return Optional.empty();
        }
        return text(node.getStatus().getCapacity(), name);
    }

    private static Optional<String> text(Map<String, Quantity> resources, String name) {
        if (resources == null) {
            return Optional.empty();
        }
        Quantity q = resources.get(name);
        if (q == null || q.getAmount() == null) {
            return Optional.empty();
        }
        return Optional.of(q.getFormat() == null ? q.getAmount() : q.getAmount() + q.getFormat());
    }
}
