package io.hami.scheduler.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.scheduler.support.Harness;
import io.hami.testfixtures.net.HeldRequests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler's listeners under a slow-request attack from one client, over loopback only. */
class ListenerBoundsTest {

    static final int HELD = 5_000;
    /** The webhook listener's connection cap. */
    static final int CAP = 256;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void fiveThousandHeldPartialRequestsLeaveHealthzAnsweringAndAreNotKept() throws Exception {
        try (var harness = new Harness().serve();
             var held = HeldRequests.open(harness.front().webhookPort(), HELD, ("POST /webhook HTTP/1.1\r\n"
                     + "Host: hami-scheduler\r\nContent-Le").getBytes(StandardCharsets.US_ASCII))) {
            assertThat(harness.get(harness.front().webhookPort(), "/healthz").statusCode()).isEqualTo(200);
            // The server holds at most its cap of them: every other one is closed, not kept waiting.
            assertThat(held.awaitClosedByServer(HELD - CAP, Duration.ofSeconds(30)))
                    .isGreaterThanOrEqualTo(HELD - CAP);
        }
    }
}
