package io.hami.demo.scheduling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheduler's HTTP endpoints as kube-scheduler and the API server call them: {@code /webhook} with an
 * {@code admission.k8s.io/v1} AdmissionReview, {@code /filter} with {@code ExtenderArgs} naming the candidate nodes
 * (kube-scheduler's {@code nodeCacheCapable: true}), {@code /bind} with {@code ExtenderBindingArgs}. The envelopes
 * use the Go field names of {@code k8s.io/kube-scheduler/extender/v1}.
 */
public final class ExtenderClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final URI webhook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KubernetesSerialization kube = new KubernetesSerialization();
    private final JsonMapper mapper = JsonMapper.builder().build();

    /**
     * A client of the scheduler's extender at {@code base} (e.g. {@code http://127.0.0.1:8080}) and its webhook at
     * {@code webhook} (e.g. {@code http://127.0.0.1:9443}).
     */
    public ExtenderClient(URI base, URI webhook) {
        this.base = base;
        this.webhook = webhook;
    }

    /** The webhook's answer: the pod to create (mutated), or the refusal's message. */
    public record Admission(Optional<Pod> admitted, String refusal) {
    }

    /** The filter's answer: the chosen nodes, the failed nodes with their reasons, or an error. */
    public record FilterResult(List<String> nodeNames, Map<String, String> failedNodes, String error) {

        /** Whether the scheduler found a node. */
        public boolean fits() {
            return error.isEmpty() && !nodeNames.isEmpty();
        }
    }

    /** POSTs the AdmissionReview of creating {@code pod} in {@code namespace} and applies the returned JSONPatch. */
    public Admission admit(Pod pod, String namespace) throws IOException, InterruptedException {
        ObjectNode review = mapper.createObjectNode().put("apiVersion", "admission.k8s.io/v1")
                .put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", UUID.randomUUID().toString())
                .put("namespace", namespace).put("operation", "CREATE");
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
        request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
        JsonNode podJson = kube.convertValue(pod, JsonNode.class);
        request.set("object", podJson);
        JsonNode response = post(webhook, "/webhook", review).get("response");
        if (response == null || !response.isObject()) {
            throw new IOException("/webhook answered without a response object");
        }
        if (!response.path("allowed").asBoolean(false)) {
            return new Admission(Optional.empty(), response.path("status").path("message").asString(""));
        }
        JsonNode patchText = response.get("patch");
        if (patchText == null || patchText.isNull()) {
            return new Admission(Optional.of(pod), "");
        }
        JsonNode patch = mapper.readTree(Base64.getDecoder().decode(patchText.asString()));
        return new Admission(Optional.of(kube.convertValue(JsonPatch.apply(patch, podJson), Pod.class)), "");
    }

    /** POSTs {@code ExtenderArgs} with the pod and the candidate node names. */
    public FilterResult filter(Pod pod, List<String> candidates) throws IOException, InterruptedException {
        ObjectNode args = mapper.createObjectNode();
        args.set("Pod", kube.convertValue(pod, JsonNode.class));
        args.putNull("Nodes");
        var names = args.putArray("NodeNames");
        candidates.forEach(names::add);
        JsonNode reply = post(base, "/filter", args);
        var chosen = new ArrayList<String>();
        reply.path("NodeNames").values().forEach(n -> chosen.add(n.asString()));
        var failed = new LinkedHashMap<String, String>();
        reply.path("FailedNodes").properties().forEach(e -> failed.put(e.getKey(), e.getValue().asString()));
        reply.path("FailedAndUnresolvableNodes").properties()
                .forEach(e -> failed.put(e.getKey(), e.getValue().asString()));
        return new FilterResult(List.copyOf(chosen), failed, reply.path("Error").asString(""));
    }

    /** POSTs {@code ExtenderBindingArgs}; returns the scheduler's {@code Error}, empty when the pod is bound. */
    public String bind(String namespace, String name, String uid, String node) throws IOException,
            InterruptedException {
        ObjectNode args = mapper.createObjectNode().put("PodName", name).put("PodNamespace", namespace)
                .put("PodUID", uid).put("Node", node);
        return post(base, "/bind", args).path("Error").asString("");
    }

    private JsonNode post(URI server, String path, JsonNode body) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered HTTP " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return mapper.readTree(response.body());
    }

    @Override
    public void close() {
        http.close();
    }
}
