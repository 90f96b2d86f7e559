package io.hami.scheduler.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.scheduler.Kube;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.support.Harness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HAMi's route_test scenarios (docs/scheduler.md, "Extender endpoints and JSON") over real HTTP. */
class RouteTest {

    Harness harness;

    Harness start(Duration syncWait, boolean synced) {
        harness = new Harness(SchedulerConfig.defaults(Harness.TYPES), syncWait).serve();
        if (synced) {
            harness.state.markSynced();
        }
        return harness;
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/filter", "/bind"})
    void bodyOverOneMebibyteReadsAsTruncated(String path) throws Exception {
        byte[] body = new byte[HttpFront.MAX_BODY + 10];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        var r = start(Duration.ofSeconds(1), true).post(path, body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("EOF");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/filter", "/bind"})
    void missingBodyIsBadRequest(String path) throws Exception {
        var r = start(Duration.ofSeconds(1), true).post(path, new byte[0]);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Please send a request body");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/filter", "/bind"})
    void invalidJsonIsAnErrorReply(String path) throws Exception {
        var r = start(Duration.ofSeconds(1), true).post(path, bytes("{\"Pod\": [}"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"Error\":\"").doesNotContain("\"Error\":\"\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "{\"Pod\":null}"})
    void missingPodIsAnErrorReply(String body) throws Exception {
        var r = start(Duration.ofSeconds(1), true).post("/filter", bytes(body));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"Error\":\"extender args missing pod\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/healthz", "/readyz"})
    void healthAndReadinessAreOk(String path) throws Exception {
        assertThat(start(Duration.ofSeconds(1), false).get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertThat(start(Duration.ofSeconds(1), true).get("/filterx").statusCode()).isEqualTo(404);
    }

    @Test
    void unsyncedStateAnswersContextCancelled() throws Exception {
        String body = "{\"Pod\":" + harness(Duration.ofMillis(50)).serialization.asJson(
                Kube.pod("p").app(Kube.container("c", "nvidia.com/gpu", "1")).build()) + ",\"NodeNames\":[\"n1\"]}";
        var r = harness.post("/filter", bytes(body));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("context cancelled");
    }

    private Harness harness(Duration syncWait) {
        return start(syncWait, false);
    }

    @Test
    void aReservationTheStateCannotPublishAnswersTheFilterWithTheCauseAndIsReleased() throws Exception {
        start(Duration.ofSeconds(1), true);
        harness.state.putNode(new NodeBuilder(Kube.nvidiaNode("n1", Kube.gpu("GPU-0", 0, 10, 8000, 100, 0)))
                .withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity("10")).endStatus().build());
        assertThat(harness.state.flush().get(30, TimeUnit.SECONDS).node("n1")).isPresent();
        harness.builds.failWith(new IllegalStateException("injected build failure"));
        Pod pod = Kube.pod("p").app(Kube.container("c", "nvidia.com/gpu", "1")).build();
        var r = harness.post("/filter", bytes("{\"Pod\":" + harness.serialization.asJson(pod)
                + ",\"NodeNames\":[\"n1\"]}"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"NodeNames\":null")
                .contains("\"Error\":\"the cluster state could not count the reservation: injected build failure\"");
        assertThat(harness.writes.calls).as("the pod is not patched").isEmpty();
        harness.builds.recover();
        assertThat(harness.state.flush().get(30, TimeUnit.SECONDS).pod(pod.getMetadata().getUid()))
                .as("the reservation is released").isEmpty();
    }

    @Test
    void podWithoutDevicesPassesThroughWithTheCandidates() throws Exception {
        start(Duration.ofSeconds(1), true);
        String body = "{\"Pod\":" + harness.serialization.asJson(Kube.pod("p").app(Kube.container("c")).build())
                + ",\"NodeNames\":[\"a\",\"b\"]}";
        var r = harness.post("/filter", bytes(body));
        assertThat(r.body()).isEqualTo("{\"Nodes\":null,\"NodeNames\":[\"a\",\"b\"],\"FailedNodes\":null,"
                + "\"FailedAndUnresolvableNodes\":null,\"Error\":\"\"}");
    }

    @Test
    void webhookAnswersAnAdmissionReview() throws Exception {
        start(Duration.ofSeconds(1), true);
        var r = harness.postWebhook(bytes("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                + "\"request\":{\"uid\":\"u\",\"object\":{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\"}]}}}}"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"uid\":\"u\"", "\"allowed\":true");
    }

    @Test
    void theWebhooksListenerServesNeitherFilterNorBindAndTheExtendersNoWebhook() throws Exception {
        start(Duration.ofSeconds(1), true);
        int webhook = harness.front().webhookPort();
        for (String path : new String[] {"/filter", "/bind"}) {
            assertThat(harness.post(webhook, path, bytes("{}")).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(harness.post("/webhook", bytes("{}")).statusCode()).isEqualTo(404);
        assertThat(harness.get(harness.front().metricsPort(), "/metrics").body()).contains("hami_build_info");
        for (int port : new int[] {harness.front().port(), webhook, harness.front().metricsPort()}) {
            assertThat(harness.get(port, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTwoMebibyteAdmissionReviewIsAnsweredForItsUid() throws Exception {
        start(Duration.ofSeconds(1), true);
        var r = harness.postWebhook(bytes(review("big", 2 << 20)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"uid\":\"big\"", "\"allowed\":true");
    }

    @Test
    void anAdmissionReviewOverTheWebhooksLimitIsRefusedForItsUid() throws Exception {
        start(Duration.ofSeconds(1), true);
        var r = harness.postWebhook(bytes(review("huge", HttpFront.WEBHOOK_MAX_BODY + 1)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"uid\":\"huge\"", "\"allowed\":false", "\"code\":413",
                "AdmissionReview longer than the 4 MiB this webhook reads");
    }

    /** An AdmissionReview for a pod whose annotation makes the review at least {@code size} bytes long. */
    private static String review(String uid, int size) {
        return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + uid
                + "\",\"object\":{\"metadata\":{\"name\":\"p\",\"annotations\":{\"padding\":\"" + "x".repeat(size)
                + "\"}},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}}}";
    }
}
