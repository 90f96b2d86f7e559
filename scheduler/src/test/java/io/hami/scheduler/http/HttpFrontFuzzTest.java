package io.hami.scheduler.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.scheduler.Kube;
import io.hami.scheduler.extender.ExtenderRoutes;
import io.hami.scheduler.support.Harness;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing of the bodies the HTTP front hands to its handlers (docs/reliability.md): the extender's
 * filter and bind arguments and the webhook's admission reviews, against a scheduler with one node of two GPUs.
 * Whatever the body, the handler answers; an exception escaping it would reach the front's catch-all (a 500 and a
 * stack trace in the log), which is a finding. Extender answers are JSON. Seeds: a GPU pod for the filter, bound and
 * unbound, with node names and with nodes; a bind; reviews in v1 and v1beta1.
 *
 * <p>Every execution starts from the same scheduler: the node's two GPUs free, no reservation, no pod remembered,
 * no node lock. After each one the clock moves past every time-to-live (the ledger's reservations, the pods the
 * filter let through, the node locks) and the state expires what the execution left, as the daemon's rounds do
 * once the informer stays silent. Before, the clock never moved: each filter of a new pod UID kept its reservation
 * for good, the GPUs were full after a handful of executions, and from then on no filter could schedule, so the
 * path that reserves and patches went unfuzzed while the ledger grew.
 */
class HttpFrontFuzzTest {

    private static final Harness HARNESS = harness();
    private static final Map<String, HttpFront.Handler> ROUTES = ExtenderRoutes.of(HARNESS.json, HARNESS.filter,
            HARNESS.binder);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Longer than every time-to-live of the harness's scheduler (five minutes each). */
    private static final Duration PAST_EVERY_TTL = Duration.ofMinutes(6);
    /**
     * Where each body is handed over, as the front hands it: at the front of the listener's kept buffer, after which
     * lies what earlier, longer bodies left there.
     */
    private static byte[] buffer = new byte[0];

    private static Harness harness() {
        var harness = new Harness();
        harness.state.markSynced();
        harness.state.putNode(new NodeBuilder(Kube.nvidiaNode("n1", Kube.gpu("GPU-0", 0, 10, 8000, 100, 0),
                Kube.gpu("GPU-1", 1, 10, 8000, 100, 0))).withNewStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity("10")).endStatus().build());
        try {
            harness.state.flush().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the fuzzed scheduler did not start", e);
        }
        return harness;
    }

    @FuzzTest
    void extenderFilter(byte[] body) throws InterruptedException {
        answersJson("/filter", body);
    }

    @FuzzTest
    void extenderBind(byte[] body) throws InterruptedException {
        answersJson("/bind", body);
    }

    @FuzzTest
    void admissionReview(byte[] body) {
        var response = HARNESS.reviews.answer(body, false);
        assertThat(response.status()).isIn(200, 400, 413);
        HARNESS.writes.calls.clear();
    }

    private static void answersJson(String path, byte[] body) throws InterruptedException {
        if (buffer.length < body.length) {
            buffer = Arrays.copyOf(buffer, body.length);
        }
        System.arraycopy(body, 0, buffer, 0, body.length);
        byte[] answer = ROUTES.get(path).handle(buffer, body.length, false);
        assertThat(JSON.readTree(answer).isObject()).isTrue();
        HARNESS.writes.calls.clear();
        expireWhatTheExecutionLeft();
    }

    /** Moves the clock past every time-to-live and lets the state expire what it holds beyond the node. */
    private static void expireWhatTheExecutionLeft() throws InterruptedException {
        HARNESS.clock.advance(PAST_EVERY_TTL);
        try {
            HARNESS.state.tick().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the fuzzed scheduler's state stopped", e);
        }
        assertThat(HARNESS.state.snapshot().pods()).as("pods counted after every time-to-live").isEmpty();
    }
}
