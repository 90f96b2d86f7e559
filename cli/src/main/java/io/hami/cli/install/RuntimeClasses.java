package io.hami.cli.install;

import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.cli.UserInputException;

/**
 * The RuntimeClass that sends pods to our containerd handler: created when missing (every node's installer may try;
 * the first wins and the rest find it), deleted only when it carries our label. RBAC: {@code runtimeclasses} in
 * {@code node.k8s.io}, verbs get, create, delete.
 */
final class RuntimeClasses {
    /** The label on RuntimeClasses this command created. */
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String US = "hami-install-runtime";

    private RuntimeClasses() {
    }

    /** Makes sure RuntimeClass {@code name} exists with handler {@code handler}; returns what was done. */
    static String ensure(KubernetesClient client, String name, String handler) throws UserInputException {
        RuntimeClass existing = client.resources(RuntimeClass.class).withName(name).get();
        if (existing == null) {
            var rc = new RuntimeClassBuilder().withNewMetadata().withName(name).addToLabels(MANAGED_BY, US).endMetadata()
                    .withHandler(handler).build();
            try {
                client.resources(RuntimeClass.class).resource(rc).create();
                return "RuntimeClass " + name + " created (handler " + handler + ")";
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                existing = client.resources(RuntimeClass.class).withName(name).get(); // another node's installer won
            }
        }
        if (existing == null || !handler.equals(existing.getHandler())) {
            throw new UserInputException("hami install runtime: RuntimeClass " + name + " exists with handler "
                    + (existing == null ? "(deleted meanwhile)" : existing.getHandler()) + ", not " + handler
                    + "; delete it or choose another --runtime-class");
        }
        return "RuntimeClass " + name + " already exists (handler " + handler + ")";
    }

    /** Deletes RuntimeClass {@code name} when this command created it; returns what was done. */
    static String delete(KubernetesClient client, String name) throws UserInputException {
        RuntimeClass existing = client.resources(RuntimeClass.class).withName(name).get();
        if (existing == null) {
            return "RuntimeClass " + name + " does not exist";
        }
        var labels = existing.getMetadata().getLabels();
        if (labels == null || !US.equals(labels.get(MANAGED_BY))) {
            throw new UserInputException("hami uninstall runtime: RuntimeClass " + name + " was not created by hami "
                    + "install runtime (no label " + MANAGED_BY + "=" + US + "); left as it is");
        }
        client.resources(RuntimeClass.class).withName(name).delete();
        return "RuntimeClass " + name + " deleted";
    }
}
