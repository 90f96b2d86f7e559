package io.hami.scheduler.page;

import io.hami.http.HttpLimits;
import io.hami.http.HttpListener;
import io.hami.http.Response;
import io.hami.http.Route;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.state.KubeCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The allocation page's listener ({@code --allocation-page-address}, off unless given): {@code GET /} (the HTML),
 * {@code /page.css}, {@code /page.js}, {@code /allocation.json} ({@link AllocationView}) and health. Read-only, plain
 * HTTP, with the query listener's limits (docs/security.md). The page is static files packaged in the jar; its script
 * fetches the JSON every few seconds.
 */
public final class AllocationPage implements AutoCloseable {

    private static final String RESOURCES = "/io/hami/scheduler/page/";
    /** The page's files: served as they are, same origin only, never cached (the JSON changes, the files with it). */
    private static final Map<String, String> FILES = Map.of("/", "index.html", "/index.html", "index.html",
            "/page.css", "page.css", "/page.js", "page.js");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8");
    private static final String POLICY = "default-src 'self'; frame-ancestors 'none'";

    private final HttpListener listener;

    private AllocationPage(HttpListener listener) {
        this.listener = listener;
    }

    /** Starts the listener on {@code address}. */
    public static AllocationPage start(InetSocketAddress address, Supplier<ClusterSnapshot> snapshot,
                                       PendingReasons pending, KubeCache cache, Clock clock) throws IOException {
        var routes = new HashMap<String, Route>();
        routes.put("/healthz", Route.get(r -> Response.empty(200)));
        routes.put("/readyz", Route.get(r -> Response.empty(200)));
        FILES.forEach((path, file) -> {
            Response response = headers(Response.of(200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)),
                    resource(file)));
            routes.put(path, Route.get(r -> response));
        });
        routes.put("/allocation.json", Route.get(r -> headers(Response.json(200,
                AllocationView.json(snapshot.get(), pending, cache, clock.instant())))));
        return new AllocationPage(HttpListener.start("allocation-page", address, Optional.empty(),
                HttpLimits.forQueries(), routes));
    }

    /** The port it listens on (useful with port 0). */
    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close(Duration.ZERO);
    }

    private static Response headers(Response r) {
        return r.withHeader("Cache-Control", "no-store").withHeader("Content-Security-Policy", POLICY)
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    private static byte[] resource(String file) {
        try (InputStream in = AllocationPage.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("the page's " + file + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
