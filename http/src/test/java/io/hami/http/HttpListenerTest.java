package io.hami.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The listener over raw sockets, so that each test sends exactly the bytes it means: routes and keep-alive, every
 * limit (body, head, deadlines, the connection cap, the body budget) and the answer each gets.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HttpListenerTest {

    static final Duration LONG = Duration.ofMinutes(5);
    static final Duration SHORT = Duration.ofMillis(100);
    static final int MAX_BODY = 1024;

    final CountDownLatch release = new CountDownLatch(1);
    /** One permit per request the {@code /block} route holds. */
    final Semaphore blocked = new Semaphore(0);
    /** The buffers the {@code /inplace} route was handed, in order. */
    final List<byte[]> inPlaceBuffers = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpListener listener;

    HttpListener start(HttpLimits limits) throws IOException {
        listener = HttpListener.start("test", new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                0), Optional.empty(), limits, Map.of(
                "/healthz", Routes.health(() -> true, "unhealthy"),
                "/echo", Route.post(r -> Response.of(200, "application/octet-stream", r.body())),
                "/prefix", Route.postTakingTruncated(r -> Response.text(200, r.body().length
                        + (r.truncated() ? " truncated" : " whole"))),
                "/inplace", Route.postInPlaceTakingTruncated(r -> {
                    inPlaceBuffers.add(r.body());
                    return Response.text(200, new String(r.body(), 0, r.bodyLength(),
                            java.nio.charset.StandardCharsets.UTF_8) + (r.truncated() ? " truncated" : " whole"));
                }),
                "/fail", Route.get(r -> {
                    throw new IllegalStateException("secret detail");
                }),
                "/block", Route.post(r -> {
                    blocked.release();
                    release.await();
                    return Response.text(200, "released");
                })));
        return listener;
    }

    static HttpLimits limits() {
        return HttpLimits.forBodiesOf(MAX_BODY).withTimeouts(LONG, LONG, LONG, LONG);
    }

    HttpListener start() throws IOException {
        return start(limits());
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (listener != null) {
            listener.close();
        }
    }

    static String post(String path, String body, String... headers) {
        return "POST " + path + " HTTP/1.1\r\nHost: t\r\n" + String.join("", Arrays.stream(headers).map(h -> h + "\r\n")
                .toList()) + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static final String HEALTH = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";

    @Test
    void servesRoutesAndCarriesSeveralRequestsOnOneConnection() throws Exception {
        try (var c = new RawClient(start().port())) {
            assertThat(c.send(HEALTH).reply()).isEqualTo(new RawClient.Reply(200, Map.of("content-type",
                    "text/plain; charset=utf-8", "content-length", "3"), "ok\n"));
            assertThat(c.send(post("/echo", "hello")).reply().body()).isEqualTo("hello");
            // Two requests in one write (pipelined) are answered in order.
            c.send(HEALTH + post("/echo", "again"));
            assertThat(c.reply().body()).isEqualTo("ok\n");
            assertThat(c.reply().body()).isEqualTo("again");
        }
    }

    @Test
    void unknownPathIsNotFoundAnotherMethodIsNotAllowedAndAFailingRouteSaysNoMore() throws Exception {
        try (var c = new RawClient(start().port())) {
            assertThat(c.send("GET /nothing HTTP/1.1\r\nHost: t\r\n\r\n").reply().status()).isEqualTo(404);
            var r = c.send(post("/healthz", "x")).reply();
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.headers()).containsEntry("allow", "GET");
            var failed = c.send("GET /fail HTTP/1.1\r\nHost: t\r\n\r\n").reply();
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("internal error\n");
        }
    }

    @Test
    void bodyOverTheLimitIsAnswered413AndTheConnectionClosed() throws Exception {
        try (var c = new RawClient(start().port())) {
            var r = c.send(post("/echo", "x".repeat(MAX_BODY + 1))).reply();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body()).isEqualTo("request body larger than 1024 bytes\n");
            assertThat(r.headers()).containsEntry("connection", "close");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(listener.stats().rejectedRequests()).isEqualTo(1);
    }

    @Test
    void anAnnouncedBodyOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        try (var c = new RawClient(start().port())) {
            var r = c.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 1000000000"
                    + "\r\n\r\n").reply();
            assertThat(r.status()).isEqualTo(413);
        }
    }

    @Test
    void expectContinueGetsTheInterimAnswerBeforeTheBody() throws Exception {
        try (var c = new RawClient(start().port())) {
            c.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            assertThat(c.reply().status()).isEqualTo(100);
            assertThat(c.send("hello").reply().body()).isEqualTo("hello");
        }
    }

    @Test
    void chunkedBodiesAreDecodedAndBounded() throws Exception {
        try (var c = new RawClient(start().port())) {
            var r = c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3;ext=1\r\nhel\r\n2\r\nlo\r\n0\r\nTrailer: x\r\n\r\n").reply();
            assertThat(r.body()).isEqualTo("hello");
            String big = Integer.toHexString(MAX_BODY + 1);
            assertThat(c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + big + "\r\n"
                    + "x".repeat(MAX_BODY + 1) + "\r\n0\r\n\r\n").reply().status()).isEqualTo(413);
        }
    }

    @Test
    void aRouteTakingTruncatedBodiesGetsTheFirstBytesAndTheConnectionGoesOn() throws Exception {
        try (var c = new RawClient(start().port())) {
            assertThat(c.send(post("/prefix", "x".repeat(3 * MAX_BODY))).reply().body()).isEqualTo("1024 truncated");
            assertThat(c.send(post("/prefix", "abc")).reply().body()).isEqualTo("3 whole");
            assertThat(c.send("POST /prefix HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(2000) + "\r\n" + "y".repeat(2000) + "\r\n0\r\n\r\n").reply().body())
                    .isEqualTo("1024 truncated");
        }
    }

    @Test
    void aRouteReadingInPlaceGetsEachBodyWithinItsLengthInOneKeptBuffer() throws Exception {
        try (var c = new RawClient(start().port())) {
            assertThat(c.send(post("/inplace", "hello world")).reply().body()).isEqualTo("hello world whole");
            assertThat(c.send(post("/inplace", "abc")).reply().body()).isEqualTo("abc whole");
            assertThat(c.send(post("/inplace", "y".repeat(2 * MAX_BODY))).reply().body())
                    .isEqualTo("y".repeat(MAX_BODY) + " truncated");
            assertThat(c.send(post("/inplace", "d")).reply().body()).isEqualTo("d whole");
        }
        assertThat(inPlaceBuffers).hasSize(4);
        assertThat(inPlaceBuffers).allSatisfy(b -> assertThat(b).isSameAs(inPlaceBuffers.getFirst()));
    }

    @Test
    void aChunkedBodyReadInPlaceIsWhole() throws Exception {
        try (var c = new RawClient(start().port())) {
            assertThat(c.send("POST /inplace HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n").reply().body()).isEqualTo("hello whole");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "request line over the head limit | 414 | GET /LONG HTTP/1.1\\r\\n\\r\\n",
        "head over the head limit | 431 | GET /healthz HTTP/1.1\\r\\nX-Long: LONG\\r\\n\\r\\n",
        "too many fields | 431 | GET /healthz HTTP/1.1\\r\\nA: 1\\r\\nB: 2\\r\\nC: 3\\r\\nD: 4\\r\\nE: 5\\r\\n\\r\\n",
        "obsolete line folding | 400 | GET /healthz HTTP/1.1\\r\\nA: 1\\r\\n 2\\r\\n\\r\\n",
        "field without a name | 400 | GET /healthz HTTP/1.1\\r\\n: 1\\r\\n\\r\\n",
        "both framings | 400 | POST /echo HTTP/1.1\\r\\nContent-Length: 1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nx",
        "conflicting lengths | 400 | POST /echo HTTP/1.1\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\nxx",
        "negative length | 400 | POST /echo HTTP/1.1\\r\\nContent-Length: -1\\r\\n\\r\\n",
        "another transfer coding | 501 | POST /echo HTTP/1.1\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n",
        "another expectation | 417 | POST /echo HTTP/1.1\\r\\nExpect: x\\r\\nContent-Length: 1\\r\\n\\r\\nx",
        "HTTP/2.0 | 505 | GET /healthz HTTP/2.0\\r\\n\\r\\n",
        "no version | 400 | GET /healthz\\r\\n\\r\\n",
        "absolute target | 400 | GET http://h/healthz HTTP/1.1\\r\\n\\r\\n",
    })
    void malformedOrOversizedHeadsAreAnsweredAndTheConnectionClosed(String what, int status, String request)
            throws Exception {
        start(limits().withHead(256, 4));
        try (var c = new RawClient(listener.port())) {
            var r = c.send(request.replace("\\r\\n", "\r\n").replace("LONG", "x".repeat(300))).reply();
            assertThat(r.status()).as(what).isEqualTo(status);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aHalfSentHeadIsClosedAtTheHeadDeadline() throws Exception {
        start(limits().withTimeouts(SHORT, SHORT, LONG, LONG));
        try (var c = new RawClient(listener.port())) {
            c.send("GET /healthz HTTP/1.1\r\nHost:");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(listener.stats().timedOut()).isEqualTo(1);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheHeadDeadline() throws Exception {
        start(limits().withTimeouts(SHORT, SHORT, LONG, LONG));
        try (var c = new RawClient(listener.port())) {
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aBodySentTooSlowlyIsClosedAtTheRequestDeadline() throws Exception {
        start(limits().withTimeouts(SHORT, Duration.ofMillis(300), LONG, LONG));
        try (var c = new RawClient(listener.port())) {
            c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nx");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        start(limits().withTimeouts(LONG, LONG, SHORT, LONG));
        try (var c = new RawClient(listener.port())) {
            assertThat(c.send(HEALTH).reply().status()).isEqualTo(200);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void atTheCapANewConnectionTakesThePlaceOfTheOldestHalfSentRequest() throws Exception {
        start(limits().withMaxConnections(8));
        var held = new ArrayList<RawClient>();
        try {
            for (int i = 0; i < 200; i++) {
                held.add(new RawClient(listener.port()).send("GET /healthz HTTP/1.1\r\nHost:"));
            }
            try (var c = new RawClient(listener.port())) {
                assertThat(c.send(HEALTH).reply().status()).isEqualTo(200);
            }
            assertThat(listener.openConnections()).isLessThanOrEqualTo(8);
            assertThat(listener.stats().displaced()).isGreaterThanOrEqualTo(200 + 1 - 8);
            // The oldest were closed by the server; the newest are still open.
            assertThat(held.getFirst().closedByServer()).isTrue();
        } finally {
            for (var c : held) {
                c.close();
            }
        }
    }

    @Test
    void connectionsBeingAnsweredAreNeverDisplacedAndANewOneIsRefused() throws Exception {
        start(limits().withMaxConnections(2));
        try (var a = new RawClient(listener.port()).send(post("/block", "a"));
             var b = new RawClient(listener.port()).send(post("/block", "b"))) {
            blocked.acquire(2);
            try (var c = new RawClient(listener.port())) {
                c.send(HEALTH);
                assertThat(c.closedByServer()).isTrue();
            }
            release.countDown();
            assertThat(a.reply().body()).isEqualTo("released");
            assertThat(b.reply().body()).isEqualTo("released");
        }
        assertThat(listener.stats().refused()).isEqualTo(1);
    }

    @Test
    void aBodyBeyondTheMemoryBudgetIsAnswered503() throws Exception {
        start(limits().withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300), LONG, LONG)
                .withBodyBudgetBytes(MAX_BODY));
        try (var a = new RawClient(listener.port()).send(post("/block", "x".repeat(MAX_BODY)))) {
            blocked.acquire();
            try (var c = new RawClient(listener.port())) {
                var r = c.send(post("/echo", "y")).reply();
                assertThat(r.status()).isEqualTo(503);
            }
            release.countDown();
            assertThat(a.reply().body()).isEqualTo("released");
        }
    }

    @Test
    void limitsMustBeConsistent() {
        var base = limits();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> base.withBodyBudgetBytes(MAX_BODY - 1))
                .hasMessageContaining("bodyBudgetBytes (1023) must hold one body of maxBodyBytes (1024)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> base.withMaxConnections(0))
                .hasMessageContaining("maxConnections must be positive");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> base.withTimeouts(LONG, SHORT, LONG, LONG))
                .hasMessageContaining("requestTimeout must not be shorter than headerTimeout");
    }
}
