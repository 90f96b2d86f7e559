package io.hami.demo.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.testfixtures.wait.Eventually;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retry request (a pod deleted, a node added) that arrives while a pod is being filtered must not be lost: the
 * scheduler's "no node fits" may describe the world before the change. A scripted extender holds the first
 * {@code /filter} until the retry was requested, answers it "unschedulable", and answers the next one "n1".
 */
class StandInRetryRaceTest {

    @TempDir
    Path dir;

    EmbeddedApiServer api;
    HttpServer scheduler;
    ExtenderClient extender;
    KubeSchedulerStandIn standIn;
    final CountDownLatch firstFilterArrived = new CountDownLatch(1);
    final CountDownLatch retryRequested = new CountDownLatch(1);
    final AtomicInteger filters = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        api = EmbeddedApiServer.start(dir, 0);
        scheduler = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        scheduler.createContext("/webhook", ex -> answer(ex, "{\"response\":{\"allowed\":true}}"));
        scheduler.createContext("/filter", ex -> {
            ex.getRequestBody().readAllBytes();
            if (filters.incrementAndGet() == 1) {
                firstFilterArrived.countDown();
                try {
                    retryRequested.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(ex, "{\"NodeNames\":[],\"FailedNodes\":{\"n1\":\"CardInsufficientMemory\"},\"Error\":\"\"}");
            } else {
                answer(ex, "{\"NodeNames\":[\"n1\"],\"FailedNodes\":{},\"Error\":\"\"}");
            }
        });
        scheduler.createContext("/bind", ex -> answer(ex, "{\"Error\":\"\"}"));
        scheduler.start();
        URI fake = URI.create("http://127.0.0.1:" + scheduler.getAddress().getPort());
        extender = new ExtenderClient(fake, fake);
        standIn = new KubeSchedulerStandIn(api.client(), extender, StandInSettings.kubeScheduler("hami-scheduler"));
    }

    @AfterEach
    void stop() {
        standIn.close();
        extender.close();
        scheduler.stop(0);
        api.close();
    }

    private static void answer(HttpExchange ex, String json) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (var out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aRetryRequestedDuringAFilterFiltersThePodAgain() throws Exception {
        Pod pod = new PodBuilder().withNewMetadata().withName("late").endMetadata().withNewSpec()
                .withSchedulerName("hami-scheduler").addNewContainer().withName("main").withImage("busybox")
                .endContainer().endSpec().build();
        standIn.submit(pod, "default");
        assertThat(firstFilterArrived.await(30, TimeUnit.SECONDS)).as("the first /filter arrives").isTrue();
        standIn.retryUnschedulable(); // e.g. another pod was deleted while this one was being filtered
        retryRequested.countDown();

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(standIn.records()).singleElement()
                .satisfies(r -> assertThat(r.state()).as(r.reason()).isEqualTo(PodRecord.State.BOUND)));
        assertThat(filters).hasValue(2);
    }

    @Test
    void aCreateWhoseRetryFindsThePodItMadeTakesThatPod() throws Exception {
        Pod pod = new PodBuilder().withNewMetadata().withName("retried").endMetadata().withNewSpec()
                .withSchedulerName("hami-scheduler").addNewContainer().withName("main").withImage("busybox")
                .endContainer().endSpec().build();
        // what the API server holds after a first attempt whose answer the client lost: the same pod, Pending
        Pod made = api.client().pods().inNamespace("default").resource(new PodBuilder(pod).editMetadata()
                .withNamespace("default").endMetadata().withNewStatus().withPhase("Pending").endStatus().build())
                .create();
        retryRequested.countDown(); // the scripted extender's first /filter need not wait here

        PodRecord record = standIn.submit(pod, "default");

        assertThat(record.uid()).isEqualTo(made.getMetadata().getUid());
        assertThat(record.state()).isEqualTo(PodRecord.State.QUEUED);
    }
}
