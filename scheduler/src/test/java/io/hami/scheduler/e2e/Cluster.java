package io.hami.scheduler.e2e;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.scheduler.Kube;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.support.TestCertificates;
import io.hami.scheduler.vendor.DeviceTypes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Helpers of the end-to-end tests against fabric8's mock API server. */
final class Cluster {

    static final DeviceTypes TYPES = DeviceTypes.defaults();

    private Cluster() {
    }

    /**
     * The daemon's settings: HTTPS with the test certificate, ephemeral ports, no background rounds in the way, binds
     * failing at once on a held node lock.
     */
    static DaemonConfig config(TestCertificates.Files2 tls) {
        return config(tls, Duration.ZERO);
    }

    /** The same with {@code --node-lock-wait}. */
    static DaemonConfig config(TestCertificates.Files2 tls, Duration lockWait) {
        return new DaemonConfig(SchedulerConfig.defaults(TYPES), Optional.empty(),
                new DaemonConfig.Endpoint("127.0.0.1", 0), new DaemonConfig.Endpoint("127.0.0.1", 0),
                Optional.of(new DaemonConfig.Tls(tls.certificate(), tls.key())), "hami-scheduler", true,
                new DaemonConfig.Endpoint("127.0.0.1", 0), false, Map.of(), Duration.ofMinutes(5),
                Duration.ofSeconds(2), lockWait, DaemonConfig.Leader.none(), new DaemonConfig.Self("", ""),
                new DaemonConfig.Timing(Duration.ofHours(1), Duration.ofSeconds(20), Duration.ofMinutes(5),
                        Duration.ofSeconds(2)), Map.of("version", "test"));
    }

    /** A node registering two 8000 MiB GPUs that its device plugin advertises. */
    static Node gpuNode(String name) {
        return new NodeBuilder(Kube.nvidiaNode(name, Kube.gpu(name + "-GPU-0", 0, 10, 8000, 100, 0),
                Kube.gpu(name + "-GPU-1", 1, 10, 8000, 100, 0))).withNewStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity("20")).endStatus().build();
    }

    /** Polls until the condition holds, or fails after 20 s. */
    static void await(String what, BooleanSupplier condition) {
        io.hami.testfixtures.wait.Eventually.until(Duration.ofSeconds(20), what, condition);
    }

    /** An HTTPS client of the extender's listener and, for {@code /webhook}, of the webhook's. */
    record Extender(HttpClient http, int port, int webhookPort) {
        String post(String path, String body) throws Exception {
            int to = path.equals("/webhook") ? webhookPort : port;
            var r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + to + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
    }
}
