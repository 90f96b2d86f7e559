package io.hami.demo.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded API server serves requests concurrently, as a real API server does, and keeps what a real one
 * guarantees under concurrency: one winner among writes carrying the same resourceVersion, and each watch's events in
 * resourceVersion order.
 */
class EmbeddedApiServerConcurrencyTest {

    /** A guard against a hung test, not a measure: every wait below ends at once when the server behaves. */
    private static final long GUARD_SECONDS = 30;

    @TempDir
    Path dir;

    EmbeddedApiServer api;
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
        if (api != null) {
            api.close();
        }
    }

    /** Holds a GET of the pod "held" inside the server until the server has answered a GET of the pod "other". */
    static final class HoldingDispatcher extends Dispatcher {
        final BindingDispatcher store = new BindingDispatcher();
        final CountDownLatch otherServed = new CountDownLatch(1);
        /** Times the held request gave up waiting (the client then retries it): none when the server is concurrent. */
        final AtomicInteger gaveUp = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            if (path.endsWith("/pods/held")) {
                try {
                    if (!otherServed.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
                        gaveUp.incrementAndGet();
                        return new MockResponse().setResponseCode(503);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new MockResponse().setResponseCode(503);
                }
            }
            MockResponse response = store.dispatch(request);
            if (path.endsWith("/pods/other")) {
                otherServed.countDown();
            }
            return response;
        }

        @Override
        public void shutdown() {
            store.shutdown();
        }
    }

    @Test
    void aRequestWaitingInsideTheServerDoesNotHoldUpTheNextOne() throws Exception {
        var holding = new HoldingDispatcher();
        api = EmbeddedApiServer.start(dir, 0, holding);
        var pods = api.client().pods().inNamespace("default");
        pods.resource(pod("held")).create();
        pods.resource(pod("other")).create();

        Future<Pod> held = threads.submit(() -> pods.withName("held").get());
        Future<Pod> other = threads.submit(() -> pods.withName("other").get());

        assertThat(other.get(GUARD_SECONDS * 4, TimeUnit.SECONDS).getMetadata().getName()).isEqualTo("other");
        assertThat(held.get(GUARD_SECONDS * 4, TimeUnit.SECONDS).getMetadata().getName()).isEqualTo("held");
        assertThat(holding.gaveUp).as("the held request never gave up waiting for the other").hasValue(0);
    }

    @Test
    void concurrentWritesWithTheSameResourceVersionLetExactlyOneThrough() throws Exception {
        api = EmbeddedApiServer.start(dir, 0);
        var nodes = api.client().nodes();
        nodes.resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build()).create();
        String version = nodes.withName("n1").get().getMetadata().getResourceVersion();
        int writers = 8;
        var start = new CyclicBarrier(writers);
        List<Future<Integer>> codes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String value = "writer-" + i;
            codes.add(threads.submit(() -> {
                var patch = new NodeBuilder().withNewMetadata().withResourceVersion(version)
                        .addToAnnotations("owner", value).endMetadata().build();
                start.await(GUARD_SECONDS, TimeUnit.SECONDS);
                try {
                    nodes.withName("n1").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
                    return 200;
                } catch (KubernetesClientException e) {
                    return e.getCode();
                }
            }));
        }
        List<Integer> answered = new ArrayList<>();
        for (Future<Integer> code : codes) {
            answered.add(code.get(GUARD_SECONDS, TimeUnit.SECONDS));
        }

        assertThat(answered).filteredOn(c -> c == 200).hasSize(1);
        assertThat(answered).filteredOn(c -> c == 409).hasSize(writers - 1);
        String owner = nodes.withName("n1").get().getMetadata().getAnnotations().get("owner");
        assertThat(owner).startsWith("writer-");
    }

    @Test
    void eachWatchSeesItsEventsInResourceVersionOrderWhileWritersRunConcurrently() throws Exception {
        api = EmbeddedApiServer.start(dir, 0);
        var pods = api.client().pods().inNamespace("default");
        int writers = 4;
        int podsPerWriter = 5;
        int patchesPerPod = 4;
        int expected = writers * podsPerWriter * (1 + patchesPerPod);
        var first = new RecordingWatcher(expected);
        var second = new RecordingWatcher(expected);
        try (var a = pods.watch(first); var b = pods.watch(second)) {
            var start = new CyclicBarrier(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(threads.submit(() -> {
                    start.await(GUARD_SECONDS, TimeUnit.SECONDS);
                    for (int p = 0; p < podsPerWriter; p++) {
                        String name = "w" + writer + "-p" + p;
                        pods.resource(pod(name)).create();
                        for (int n = 0; n < patchesPerPod; n++) {
                            pods.withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), new PodBuilder()
                                    .withNewMetadata().addToLabels("step", String.valueOf(n)).endMetadata()
                                    .build());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(GUARD_SECONDS, TimeUnit.SECONDS);
            }
            assertThat(first.all.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("first watch got every event").isTrue();
            assertThat(second.all.await(GUARD_SECONDS, TimeUnit.SECONDS)).as("second watch got every event")
                    .isTrue();
        }
        assertThat(first.versions).hasSize(expected).isSorted().doesNotHaveDuplicates();
        assertThat(second.versions).isEqualTo(first.versions);
    }

    /** Records the resourceVersion of each event, in the order the watch delivered them. */
    static final class RecordingWatcher implements Watcher<Pod> {
        final List<Long> versions = new CopyOnWriteArrayList<>();
        final CountDownLatch all;

        RecordingWatcher(int expected) {
            all = new CountDownLatch(expected);
        }

        @Override
        public void eventReceived(Action action, Pod pod) {
            versions.add(Long.parseLong(pod.getMetadata().getResourceVersion()));
            all.countDown();
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }

    static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().addNewContainer()
                .withName("c").withImage("busybox").endContainer().endSpec().build();
    }
}
