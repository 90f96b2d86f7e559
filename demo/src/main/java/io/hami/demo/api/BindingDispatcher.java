package io.hami.demo.api;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD dispatcher plus the one write of the scheduling flow it lacks: a Binding. CRUD mode stores a POSTed
 * Binding as an object of its own and leaves the pod unbound; the API server instead sets the pod's
 * {@code spec.nodeName} and stores nothing. Both forms are answered: {@code POST .../namespaces/NS/bindings} (what
 * fabric8's {@code bindings()} sends) and {@code POST .../namespaces/NS/pods/NAME/binding} (kube-scheduler's).
 *
 * <p>As in the API server, a pod that does not exist is 404, a pod already assigned to a node is 409, and a Binding
 * whose {@code metadata.uid} names another incarnation of the pod is 409. The pod is changed by a merge patch that
 * carries the resourceVersion just read (the CRUD dispatcher answers a stale one with 409), retried when another
 * write came in between, so the bind can never overwrite a concurrent annotation patch. Watchers see the pod
 * MODIFIED. Everything else goes to the CRUD dispatcher unchanged; it already honours resourceVersion preconditions
 * of patches and updates, and the {@code status} subresource.
 *
 * <p>A Binding's {@code metadata.annotations} are set on the pod in the same write as its node, as the API server
 * does. Pods are selected by {@code spec.nodeName} in lists and watches ({@code fieldSelector}), as by the API server.
 *
 * <p>Watches are the server's own ({@link OrderedWatches}): the CRUD dispatcher's stores and resourceVersions feed
 * them, each write's event is queued under the store's write lock, and each watch sends its events in that order.
 */
public final class BindingDispatcher extends KubernetesCrudDispatcher {

    private static final Pattern BINDINGS = Pattern.compile("^/api/v1/namespaces/([^/]+)/bindings/?(?:\\?.*)?$");
    private static final Pattern POD_BINDING =
            Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/binding/?(?:\\?.*)?$");
    private static final int ATTEMPTS = 20;
    /** The field a pod's node is selected by ({@code fieldSelector=spec.nodeName=NODE}). */
    private static final String NODE_NAME = "spec.nodeName";
    private static final AttributeSet PODS = new AttributeSet(new Attribute(KubernetesAttributesExtractor.PLURAL, "pods"));

    private final KubernetesSerialization json = new KubernetesSerialization();
    private final OrderedWatches watches = new OrderedWatches();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (HttpMethod.POST.name().equalsIgnoreCase(request.getMethod())) {
            String path = Objects.requireNonNullElse(request.getPath(), "");
            Matcher all = BINDINGS.matcher(path);
            Matcher one = POD_BINDING.matcher(path);
            if (all.matches()) {
                return bind(all.group(1), null, request.getUtf8Body());
            }
            if (one.matches()) {
                return bind(one.group(1), one.group(2), request.getUtf8Body());
            }
        }
        return super.dispatch(request);
    }

    /**
     * A watch of what {@code path} selects (labels, fields, a {@code metadata.name} field selector). Called with the
     * store's read lock held, so the state the watch starts from and its registration see no write in between.
     */
    @Override
    public MockResponse handleWatch(String path) {
        AttributeSet query = attributeExtractor.fromPath(path);
        String name = watchedName(path);
        if (name != null) {
            query = query.add(new Attribute(KubernetesAttributesExtractor.NAME, name));
        }
        List<String> current = new ArrayList<>();
        synchronized (map) {
            for (Map.Entry<AttributeSet, String> entry : map.entrySet()) {
                if (entry.getKey().matches(query)) {
                    current.add(entry.getValue());
                }
            }
        }
        return new MockResponse().withWebSocketUpgrade(watches.register(query, current));
    }

    /**
     * Stores a write as the CRUD dispatcher does, then queues its event on the watches; under the write lock. A pod is
     * stored under its {@code spec.nodeName} too (empty while unbound), so that lists and watches select by it as the
     * API server's field selector does (a kubelet watches only its node's pods).
     */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        String previous = oldAttributes == null ? null : map.get(oldAttributes);
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        AttributeSet newAttributes = null;
        if (newState != null) {
            var extractor = (KubernetesAttributesExtractor) attributeExtractor;
            newAttributes = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
            if (!newAttributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
                newAttributes = AttributeSet.merge(pathAttributes, newAttributes);
            }
            if (newAttributes.matches(PODS)) {
                map.remove(newAttributes);
                newAttributes = newAttributes.add(new Attribute(NODE_NAME, nodeName(resource, newState)));
                map.put(newAttributes, newState);
            }
        }
        if (Objects.equals(previous, newState)) {
            return;
        }
        watches.publish(oldAttributes, previous, newAttributes, newState);
    }

    /** A pod's {@code spec.nodeName}, empty while it is not bound. */
    private String nodeName(GenericKubernetesResource resource, String state) {
        Object spec = resource != null ? resource.getAdditionalProperties().get("spec")
                : json.unmarshal(state, GenericKubernetesResource.class).getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> fields && fields.get("nodeName") instanceof String node ? node : "";
    }

    @Override
    public void shutdown() {
        watches.closeAll();
        super.shutdown();
    }

    /** The name of a {@code fieldSelector=metadata.name=NAME} in the query, or null. */
    private static String watchedName(String path) {
        String query;
        try {
            query = new URI(path).getQuery();
        } catch (URISyntaxException e) {
            return null;
        }
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("fieldSelector=")) {
                for (String requirement : parameter.substring("fieldSelector=".length()).split(",")) {
                    if (requirement.startsWith("metadata.name=")) {
                        return requirement.substring("metadata.name=".length());
                    }
                }
            }
        }
        return null;
    }

    private MockResponse bind(String namespace, String pathName, String body) {
        Binding binding;
        try {
            binding = json.unmarshal(body, Binding.class);
        } catch (RuntimeException e) {
            return status(400, "BadRequest", "Binding: cannot decode the body: " + e.getMessage());
        }
        String name = binding.getMetadata() == null ? null : binding.getMetadata().getName();
        if (pathName != null && name != null && !name.equals(pathName)) {
            return status(400, "BadRequest", "Binding name " + name + " does not match the pod " + pathName);
        }
        String pod = pathName != null ? pathName : name;
        String node = binding.getTarget() == null ? null : binding.getTarget().getName();
        if (pod == null || pod.isEmpty() || node == null || node.isEmpty()) {
            return status(400, "BadRequest", "Binding needs metadata.name and target.name");
        }
        String podPath = "/api/v1/namespaces/" + namespace + "/pods/" + pod;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            MockResponse got = handleGet(podPath);
            if (got.code() == 404) {
                return status(404, "NotFound", "pods \"" + pod + "\" not found");
            }
            Pod current = json.unmarshal(got.getBody().readUtf8(), Pod.class);
            String uid = binding.getMetadata().getUid();
            if (uid != null && !uid.isEmpty() && !uid.equals(current.getMetadata().getUid())) {
                return status(409, "Conflict", "Operation cannot be fulfilled on pods/binding \"" + pod
                        + "\": the UID in the precondition (" + uid + ") does not match the UID in record ("
                        + current.getMetadata().getUid() + "). The object might have been deleted and then "
                        + "recreated");
            }
            String assigned = current.getSpec() == null ? null : current.getSpec().getNodeName();
            if (assigned != null && !assigned.isEmpty()) {
                return status(409, "Conflict", "Operation cannot be fulfilled on pods/binding \"" + pod
                        + "\": pod " + pod + " is already assigned to node \"" + assigned + "\"");
            }
            // the API server sets the Binding's annotations on the pod in the same write as its node
            Map<String, String> annotations = binding.getMetadata().getAnnotations();
            Pod patch = new PodBuilder().withNewMetadata()
                    .withResourceVersion(current.getMetadata().getResourceVersion())
                    .withAnnotations(annotations == null || annotations.isEmpty() ? null : annotations).endMetadata()
                    .withNewSpec().withNodeName(node).endSpec().build();
            MockResponse patched = handlePatch(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, podPath,
                    Headers.builder().add("Content-Type", "application/merge-patch+json").build(),
                    new Buffer().writeUtf8(json.asJson(patch))));
            if (patched.code() == 409) {
                continue; // another write landed between the read and the patch: read again
            }
            if (patched.code() >= 300) {
                return patched;
            }
            return new MockResponse().setResponseCode(201).setBody(json.asJson(binding));
        }
        return status(409, "Conflict", "pods \"" + pod + "\": still modified concurrently after " + ATTEMPTS
                + " attempts to bind");
    }

    private MockResponse status(int code, String reason, String message) {
        Status status = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
                .withMessage(message).build();
        return new MockResponse().setResponseCode(code).setBody(json.asJson(status));
    }
}
