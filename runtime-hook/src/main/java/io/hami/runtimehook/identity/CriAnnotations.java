package io.hami.runtimehook.identity;

import io.hami.model.protocol.ContainerIdentity;
import io.hami.model.wire.WireFormatException;
import io.hami.runtimehook.HookException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a container's pod identity from the annotations a CRI runtime puts into {@code config.json}:
 * containerd's {@code io.kubernetes.cri.*} keys or CRI-O's {@code io.kubernetes.pod.*} and
 * {@code io.kubernetes.container.name}. A config with neither set has no identity (a container not started by
 * kubelet); a partial set, two sets that disagree, or a value of the wrong syntax is an error, because such
 * values come from whoever wrote the config and are about to name a host directory.
 */
public final class CriAnnotations {
    /** containerd's keys: pod UID, name, namespace and the container's name. */
    public static final String CONTAINERD_UID = "io.kubernetes.cri.sandbox-uid";
    public static final String CONTAINERD_NAME = "io.kubernetes.cri.sandbox-name";
    public static final String CONTAINERD_NAMESPACE = "io.kubernetes.cri.sandbox-namespace";
    public static final String CONTAINERD_CONTAINER = "io.kubernetes.cri.container-name";
    /** containerd marks the pause container {@code sandbox}, application containers {@code container}. */
    public static final String CONTAINERD_TYPE = "io.kubernetes.cri.container-type";
    /** CRI-O's keys. */
    public static final String CRIO_UID = "io.kubernetes.pod.uid";
    public static final String CRIO_NAME = "io.kubernetes.pod.name";
    public static final String CRIO_NAMESPACE = "io.kubernetes.pod.namespace";
    public static final String CRIO_CONTAINER = "io.kubernetes.container.name";

    private CriAnnotations() {
    }

    /**
     * The pod identity, or empty when the annotations carry none (or name a pod sandbox, which runs no workload).
     *
     * @throws HookException when the annotations carry an incomplete, contradictory or malformed identity
     */
    public static Optional<PodIdentity> identity(Map<String, String> annotations) throws HookException {
        if ("sandbox".equals(annotations.get(CONTAINERD_TYPE))) {
            return Optional.empty();
        }
        var containerd = read(annotations, CONTAINERD_UID, CONTAINERD_NAME, CONTAINERD_NAMESPACE, CONTAINERD_CONTAINER);
        var crio = read(annotations, CRIO_UID, CRIO_NAME, CRIO_NAMESPACE, CRIO_CONTAINER);
        if (containerd.isPresent() && crio.isPresent() && !containerd.equals(crio)) {
            throw new HookException("annotations: the containerd and CRI-O pod identities disagree: "
                    + containerd.get() + " vs " + crio.get());
        }
        return containerd.isPresent() ? containerd : crio;
    }

    private static Optional<PodIdentity> read(Map<String, String> a, String uidKey, String nameKey, String namespaceKey,
            String containerKey) throws HookException {
        String uid = a.get(uidKey);
        String name = a.get(nameKey);
        String namespace = a.get(namespaceKey);
        String container = a.get(containerKey);
        if (uid == null && name == null && namespace == null && container == null) {
            return Optional.empty();
        }
        check(uidKey, uid);
        check(nameKey, name);
        check(namespaceKey, namespace);
        check(containerKey, container);
        ContainerIdentity id;
        try {
            id = new ContainerIdentity(uid, container);
        } catch (IllegalArgumentException e) {
            var bad = e.getMessage().startsWith("podUid") ? uidKey + ": not a Kubernetes UID: " + WireFormatException.quote(uid)
                    : containerKey + ": not a DNS-1123 label: " + WireFormatException.quote(container);
            throw new HookException("annotations: " + bad);
        }
        try {
            return Optional.of(new PodIdentity(namespace, name, id));
        } catch (IllegalArgumentException e) {
            var bad = e.getMessage().startsWith("namespace") ? namespaceKey + ": not a DNS-1123 label: " + WireFormatException.quote(namespace)
                    : nameKey + ": not a DNS-1123 subdomain: " + WireFormatException.quote(name);
            throw new HookException("annotations: " + bad);
        }
    }

    private static void check(String key, String value) throws HookException {
        if (value == null) {
            throw new HookException("annotations: " + key + " is missing while other pod identity annotations are set");
        }
    }
}
