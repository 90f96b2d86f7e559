package io.hami.scheduler.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonDiff;
import io.hami.http.Response;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.quota.QuotaBook;
import java.util.Base64;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /webhook}: an {@code AdmissionReview} in, the same {@code apiVersion} out ({@code admission.k8s.io/v1} or
 * {@code v1beta1}), with the response for the request's UID. Mutations travel as an RFC 6902 JSON patch computed by
 * fabric8's {@code JsonDiff} between the pod as received and as mutated, both serialized by fabric8, so the patch names
 * only what {@link Admission} changed. Refusals are {@code allowed: false} with {@code status.code} and
 * {@code status.message} (and {@code reason: Forbidden} for 403).
 *
 * <p>A review longer than the listener reads is refused (code 413) for the uid found among its first bytes. A review
 * is never answered for an empty uid, which the API server could not match to its request: when no uid can be read,
 * the answer is a plain HTTP 400 (or 413) naming what was wrong (docs/security.md, "Admission reviews").
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

    /**
     * Answers one review.
     *
     * @param body      the review, or its first bytes when {@code truncated}
     * @param truncated whether the review was longer than the listener reads
     */
    public Response answer(byte[] body, boolean truncated) {
        if (truncated) {
            Envelope envelope = Envelope.peek(mapper, body);
            String why = "AdmissionReview longer than the " + size(body.length) + " this webhook reads";
            return envelope.uid().isEmpty() ? Response.text(413, why + ", and no request.uid among its first bytes\n")
                    : review(envelope.apiVersion(), envelope.uid(), new Admission.Deny(413, why), null);
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            Envelope envelope = Envelope.peek(mapper, body);
            String why = "invalid AdmissionReview: " + e.getOriginalMessage();
            return envelope.uid().isEmpty() ? Response.text(400, why + "\n")
                    : review(envelope.apiVersion(), envelope.uid(), new Admission.Deny(400, why), null);
        }
        String apiVersion = text(root, "apiVersion", V1);
        JsonNode request = root == null ? null : root.get("request");
        String uid = request == null ? "" : text(request, "uid", "");
        if (request == null || !request.isObject() || uid.isEmpty()) {
            return Response.text(400, "AdmissionReview without request.uid\n");
        }
        JsonNode object = request.get("object");
        Pod pod;
        try {
            if (object == null || !object.isObject()) {
                throw new IllegalArgumentException("request without object");
            }
            pod = kube.convertValue(object, Pod.class);
            if (pod.getMetadata() == null) {
                throw new IllegalArgumentException("the pod has no metadata");
            }
        } catch (RuntimeException e) {
            return review(apiVersion, uid, new Admission.Deny(400, "decoding the pod: " + e.getMessage()), null);
        }
        String namespace = KubeObjects.namespace(pod).isEmpty() ? text(request, "namespace", "")
                : KubeObjects.namespace(pod);
        Admission.Decision decision = Admission.review(pod, namespace, settings, quotas.get());
        return review(apiVersion, uid, decision, pod);
    }

    private Response review(String apiVersion, String uid, Admission.Decision decision, Pod original) {
        return Response.json(200, reply(apiVersion, uid, decision, original));
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

    /**
     * The review's {@code apiVersion} and {@code request.uid} as far as its first bytes tell (the API server writes
     * both before the object), read without building the tree, so that a review cut short or malformed after them can
     * still be answered for its request.
     */
    record Envelope(String apiVersion, String uid) {
        static Envelope peek(JsonMapper mapper, byte[] json) {
            String apiVersion = V1;
            String uid = "";
            try (JsonParser p = mapper.createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return new Envelope(apiVersion, uid);
                }
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("apiVersion") && value == JsonToken.VALUE_STRING) {
                        apiVersion = p.getString();
                    } else if (name.equals("request") && value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                            String field = p.currentName();
                            if (p.nextToken() == JsonToken.VALUE_STRING && field.equals("uid")) {
                                uid = p.getString();
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } catch (JacksonException e) {
                // The bytes end, or stop being JSON: what was read so far is all there is.
            }
            return new Envelope(apiVersion, uid);
        }
    }

    private static String size(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isString() ? v.stringValue() : fallback;
    }
}
