package io.hami.model.annotation;

import java.util.Objects;

/**
 * A pod named by namespace and name, as the owner part of a node lock ({@code <ts>,<namespace>,<name>}).
 *
 * <p>Both parts are validated as Kubernetes names: the namespace as a DNS-1123 label (at most 63
 * characters), the name as a DNS-1123 subdomain (at most 253). Neither can contain a comma, so a lock
 * value always splits back into the same three parts.
 *
 * @param namespace the pod's namespace
 * @param name      the pod's name
 */
public record PodRef(String namespace, String name) {

    /** @throws IllegalArgumentException when either part is not a valid Kubernetes name */
    public PodRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        String problem = KubernetesNames.namespaceProblem(namespace);
        if (problem != null) {
            throw new IllegalArgumentException("namespace: " + problem + ": " + quoted(namespace));
        }
        problem = KubernetesNames.podNameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("name: " + problem + ": " + quoted(name));
        }
    }

    /** True when this is the pod {@code namespace/name}. */
    public boolean is(String namespace, String name) {
        return this.namespace.equals(namespace) && this.name.equals(name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }

    private static String quoted(String s) {
        return io.hami.model.wire.WireFormatException.quote(s);
    }
}
