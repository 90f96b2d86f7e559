package io.hami.scheduler.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import io.hami.model.config.NvidiaConfig;
import io.hami.scheduler.quota.QuotaBook;
import io.hami.scheduler.vendor.DeviceTypes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** AdmissionReview in and out, with the JSON patch applied to the pod as the API server received it. */
class AdmissionReviewsTest {

    final JsonMapper mapper = JsonMapper.builder().build();
    final AdmissionReviews reviews = new AdmissionReviews(new KubernetesSerialization(), new Admission.Settings(
            "hami-scheduler", true, DeviceTypes.defaults(), Optional.of(NvidiaConfig.defaults())),
            () -> QuotaBook.EMPTY);

    static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"job-","labels":{"app":"x"},
             "unknownField":{"kept":true}},
             "spec":{"containers":[{"name":"main","image":"cuda","resources":{"limits":{"nvidia.com/gpu":"1"}}},
                                   {"name":"side","image":"busybox"}],
                     "futureField":[1,2]}}""";

    JsonNode review(String apiVersion, String pod) {
        String body = "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"r-1\","
                + "\"namespace\":\"team\",\"operation\":\"CREATE\",\"object\":" + pod + "}}";
        return mapper.readTree(reviews.answer(body.getBytes(StandardCharsets.UTF_8), false).body());
    }

    @Test
    void patchAppliesToTheReceivedPodAndChangesOnlyWhatTheWebhookSets() {
        JsonNode out = review("admission.k8s.io/v1", POD);
        JsonNode response = out.get("response");
        assertThat(out.get("apiVersion").stringValue()).isEqualTo("admission.k8s.io/v1");
        assertThat(out.get("kind").stringValue()).isEqualTo("AdmissionReview");
        assertThat(response.get("uid").stringValue()).isEqualTo("r-1");
        assertThat(response.get("allowed").booleanValue()).isTrue();
        assertThat(response.get("patchType").stringValue()).isEqualTo("JSONPatch");
        JsonNode patch = mapper.readTree(Base64.getDecoder().decode(response.get("patch").stringValue()));
        JsonNode patched = JsonPatch.apply(patch, mapper.readTree(POD));
        assertThat(patched.at("/spec/schedulerName").stringValue()).isEqualTo("hami-scheduler");
        assertThat(patched.at("/spec/containers/0/resources/limits/nvidia.com~1gpucores").stringValue())
                .isEqualTo("100");
        assertThat(patched.at("/metadata/unknownField/kept").booleanValue()).isTrue();
        assertThat(patched.at("/spec/futureField").size()).isEqualTo(2);
        assertThat(patch.size()).as("schedulerName and the exclusive cores only: " + patch).isEqualTo(2);
    }

    @Test
    void echoesV1beta1() {
        assertThat(review("admission.k8s.io/v1beta1", POD).get("apiVersion").stringValue())
                .isEqualTo("admission.k8s.io/v1beta1");
    }

    @Test
    void podWithoutDevicesIsAllowedWithoutPatch() {
        JsonNode response = review("admission.k8s.io/v1",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}").get("response");
        assertThat(response.get("allowed").booleanValue()).isTrue();
        assertThat(response.has("patch")).isFalse();
    }

    @Test
    void refusalCarriesCodeReasonAndMessage() {
        JsonNode response = review("admission.k8s.io/v1",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[]}}").get("response");
        assertThat(response.get("allowed").booleanValue()).isFalse();
        assertThat(response.at("/status/code").intValue()).isEqualTo(403);
        assertThat(response.at("/status/reason").stringValue()).isEqualTo("Forbidden");
        assertThat(response.at("/status/message").stringValue()).isEqualTo("pod has no containers");
    }

    @Test
    void undecodableReviewIsAnErrorForItsUid() {
        var cut = reviews.answer(("{\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{\"uid\":\"r-7\","
                + "\"object\":{\"spec\":").getBytes(StandardCharsets.UTF_8), false);
        assertThat(cut.status()).isEqualTo(200);
        JsonNode out = mapper.readTree(cut.body());
        assertThat(out.at("/response/uid").stringValue()).isEqualTo("r-7");
        assertThat(out.at("/response/allowed").booleanValue()).isFalse();
        assertThat(out.at("/response/status/code").intValue()).isEqualTo(400);
        JsonNode badPod = review("admission.k8s.io/v1", "{\"spec\":{\"containers\":\"nope\"}}");
        assertThat(badPod.at("/response/status/code").intValue()).isEqualTo(400);
        assertThat(badPod.at("/response/uid").stringValue()).isEqualTo("r-1");
    }

    @Test
    void aPodWithoutMetadataIsRefusedAsUndecodableNotACrash() {
        // a fuzzing finding: defaults for a Moore Threads request annotated a pod that had no metadata
        JsonNode out = review("admission.k8s.io/v1", "{\"spec\":{\"containers\":[{\"name\":\"c\",\"resources\":"
                + "{\"limits\":{\"mthreads.com/vgpu\":\"1\"}}}]}}");
        assertThat(out.at("/response/allowed").booleanValue()).isFalse();
        assertThat(out.at("/response/status/code").intValue()).isEqualTo(400);
        assertThat(out.at("/response/status/message").stringValue())
                .isEqualTo("decoding the pod: the pod has no metadata");
    }

    @Test
    void aReviewWithoutAUidIsAPlainErrorNeverAReviewForAnEmptyUid() {
        for (String body : new String[] {"{\"request\":", "{}", "{\"request\":{\"object\":{}}}", "[]"}) {
            var answer = reviews.answer(body.getBytes(StandardCharsets.UTF_8), false);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).as(body).doesNotContain("\"uid\"");
        }
    }

    @Test
    void aReviewLongerThanTheLimitIsRefusedForTheUidAmongItsFirstBytes() {
        String prefix = "{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1beta1\",\"request\":"
                + "{\"uid\":\"r-9\",\"kind\":{\"kind\":\"Pod\"},\"userInfo\":{\"uid\":\"not-this\"},"
                + "\"object\":{\"metadata\":{\"uid\":\"nor-this\",\"annotations\":{\"a\":\"xxxxxxxx";
        var answer = reviews.answer(prefix.getBytes(StandardCharsets.UTF_8), true);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode out = mapper.readTree(answer.body());
        assertThat(out.get("apiVersion").stringValue()).isEqualTo("admission.k8s.io/v1beta1");
        assertThat(out.at("/response/uid").stringValue()).isEqualTo("r-9");
        assertThat(out.at("/response/allowed").booleanValue()).isFalse();
        assertThat(out.at("/response/status/code").intValue()).isEqualTo(413);
        assertThat(out.at("/response/status/message").stringValue()).startsWith("AdmissionReview longer than");

        var anonymous = reviews.answer("{\"request\":{\"object\":{\"a\":\"xxxx".getBytes(StandardCharsets.UTF_8),
                true);
        assertThat(anonymous.status()).isEqualTo(413);
    }
}
