package io.hami.scheduler.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonDiff;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.quota.QuotaBook;
import java.util.Base64;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /webhook}: an {@code AdmissionReview} in, the same {@code apiVersion} out ({@code admission.k8s.io/v1} or
 * {@code v1beta1}), with the response for the request's UID. Mutations travel as an RFC 6902 JSON patch computed by
 * fabric8's {@code JsonDiff} between the pod as received and as mutated, both serialized by fabric8, so the patch names
 * only what {@link Admission} changed. Refusals are {@code allowed: false} with {@code status.code} and
 * {@code status.message} (and {@code reason: Forbidden} for 403).
 */
public final class AdmissionReviews {

    private static final String V1 = "admission.k8s.io/v1";

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final KubernetesSerialization kube;
    private final Admission.Settings settings;
    private final Supplier<QuotaBook> quotas;

    public AdmissionReviews(KubernetesSerialization kube, Admission.Settings settings, Supplier<QuotaBook> quotas) {
        this.kube = kube;
        this.settings = settings;
        this.quotas = quotas;
    }

    /** Answers one review; a body that is no review is answered as an error review for an empty UID. */
    public byte[] handle(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            return reply(V1, "", new Admission.Deny(400, "invalid AdmissionReview: " + e.getOriginalMessage()), null);
        }
        String apiVersion = text(root, "apiVersion", V1);
        JsonNode request = root == null ? null : root.get("request");
        if (request == null || !request.isObject()) {
            return reply(apiVersion, "", new Admission.Deny(400, "AdmissionReview without request"), null);
        }
        String uid = text(request, "uid", "");
        JsonNode object = request.get("object");
        Pod pod;
        try {
            if (object == null || !object.isObject()) {
                throw new IllegalArgumentException("request without object");
            }
            pod = kube.convertValue(object, Pod.class);
        } catch (RuntimeException e) {
            return reply(apiVersion, uid, new Admission.Deny(400, "decoding the pod: " + e.getMessage()), null);
        }
        String namespace = KubeObjects.namespace(pod).isEmpty() ? text(request, "namespace", "")
                : KubeObjects.namespace(pod);
        Admission.Decision decision = Admission.review(pod, namespace, settings, quotas.get());
        return reply(apiVersion, uid, decision, pod);
    }

    private byte[] reply(String apiVersion, String uid, Admission.Decision decision, Pod original) {
        ObjectNode root = mapper.createObjectNode();
        root.put("apiVersion", apiVersion);
        root.put("kind", "AdmissionReview");
        ObjectNode response = root.putObject("response");
        response.put("uid", uid);
        switch (decision) {
            case Admission.Allow allow -> {
                response.put("allowed", true);
                ObjectNode status = response.putObject("status");
                status.put("code", 200);
                if (!allow.message().isEmpty()) {
                    status.put("message", allow.message());
                }
                if (allow.pod() != original) {
                    JsonNode patch = JsonDiff.asJson(kube.convertValue(original, JsonNode.class),
                            kube.convertValue(allow.pod(), JsonNode.class));
                    if (!patch.isEmpty()) {
                        response.put("patchType", "JSONPatch");
                        response.put("patch", Base64.getEncoder().encodeToString(mapper.writeValueAsBytes(patch)));
                    }
                }
            }
            case Admission.Deny deny -> {
                response.put("allowed", false);
                ObjectNode status = response.putObject("status");
                status.put("code", deny.code());
                if (deny.code() == 403) {
                    status.put("reason", "Forbidden");
                }
                status.put("message", deny.message());
            }
        }
        return mapper.writeValueAsBytes(root);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isString() ? v.stringValue() : fallback;
    }
}
