package io.hami.scheduler.page;

import static io.hami.scheduler.Kube.gpu;
import static io.hami.scheduler.Kube.nvidiaNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.state.KubeCache;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceTypes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AllocationPageTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final Map<String, Pod> pods = new HashMap<>();
    private final KubeCache cache = new KubeCache() {
        @Override
        public Optional<Pod> pod(String namespace, String name) {
            return Optional.ofNullable(pods.get(namespace + "/" + name));
        }

        @Override
        public Optional<Node> node(String name) {
            return Optional.empty();
        }
    };
    private final PendingReasons pending = new PendingReasons((pod, warning, reason, message) -> { }, CLOCK);
    private AllocationPage page;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        var builder = ClusterSnapshot.builder(DeviceTypes.defaults());
        builder.putNode(nvidiaNode("n1", gpu("GPU-a", 0, 10, 40960, 100, 0), gpu("GPU-b", 1, 10, 40960, 100, 0)));
        builder.putPod(new PodUsage("u1", "default", "notebook", "n1",
                Map.of("nvidia", List.of(new DeviceUse("GPU-a", 3000, 30, 1))), false, ""));
        ClusterSnapshot snapshot = builder.build();
        page = AllocationPage.start(new InetSocketAddress("127.0.0.1", 0), () -> snapshot, pending, cache, CLOCK);
    }

    @AfterEach
    void stop() {
        page.close();
        http.close();
    }

    @Test
    void theJsonListsEachDeviceWithItsAllocationAndItsPods() throws Exception {
        JsonNode root = json();
        JsonNode devices = root.path("nodes").get(0).path("devices");
        assertThat(root.path("nodes").get(0).path("name").asString()).isEqualTo("n1");
        assertThat(devices.size()).isEqualTo(2);
        JsonNode a = devices.get(0);
        assertThat(a.path("id").asString()).isEqualTo("GPU-a");
        assertThat(a.path("memoryMiB").asInt()).isEqualTo(40960);
        assertThat(a.path("usedMemoryMiB").asInt()).isEqualTo(3000);
        assertThat(a.path("usedCores").asInt()).isEqualTo(30);
        assertThat(a.path("usedSlots").asInt()).isEqualTo(1);
        assertThat(a.path("pods").get(0).path("name").asString()).isEqualTo("notebook");
        assertThat(devices.get(1).path("pods").size()).isZero();
    }

    @Test
    void pendingPodsAreThoseTheFilterRefusedThatStillWaitUnbound() throws Exception {
        pods.put("default/big", pod("u2", "big", null));
        pods.put("default/gone-by-now", pod("other-uid", "gone-by-now", null));
        pods.put("default/bound", pod("u4", "bound", "n1"));
        for (var p : List.of(pod("u2", "big", null), pod("u3", "gone-by-now", null), pod("u4", "bound", null))) {
            pending.record(p, true, "FilteringFailed", "1 nodes CardInsufficientMemory(n1)");
            pending.record(p, true, "FilteringFailed", "no available node, 1 nodes do not meet");
        }
        JsonNode waiting = json().path("pending");
        assertThat(waiting.size()).isEqualTo(1);
        assertThat(waiting.get(0).path("name").asString()).isEqualTo("big");
        assertThat(waiting.get(0).path("reasons").get(0).asString()).isEqualTo("1 nodes CardInsufficientMemory(n1)");
        assertThat(pending.entries()).as("the others are forgotten").hasSize(1);
    }

    @Test
    void servesThePageFilesReadOnlyWithAPolicyThatAllowsOnlyItsOwnFiles() throws Exception {
        var html = get("/");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(html.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'; "
                + "frame-ancestors 'none'");
        assertThat(html.body()).contains("<script src=\"page.js\" defer></script>");
        assertThat(get("/page.js").body()).contains("allocation.json");
        assertThat(get("/page.css").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").statusCode()).isEqualTo(404);
        var post = http.send(HttpRequest.newBuilder(uri("/allocation.json"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private JsonNode json() throws Exception {
        var r = get("/allocation.json");
        assertThat(r.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + page.port() + path);
    }

    private static Pod pod(String uid, String name, String node) {
        return new PodBuilder().withNewMetadata().withUid(uid).withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(node).endSpec().build();
    }
}
