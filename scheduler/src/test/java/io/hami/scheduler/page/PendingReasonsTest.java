package io.hami.scheduler.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.scheduler.events.EventSink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingReasonsTest {

    private final List<String> passedOn = new ArrayList<>();
    private final EventSink sink = (pod, warning, reason, message) -> passedOn.add(reason + ": " + message);
    private final PendingReasons reasons = new PendingReasons(sink,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void aFilterCallThatFitsNowhereIsRememberedWithItsReasonsAndEveryEventPassesOn() {
        reasons.record(pod("u1", "big"), true, "FilteringFailed", "2 nodes CardInsufficientMemory(n1,n2)");
        assertThat(reasons.entries()).as("the call is not closed yet").isEmpty();
        reasons.record(pod("u1", "big"), true, "FilteringFailed", "no available node, 2 nodes do not meet");
        assertThat(reasons.entries()).singleElement().satisfies(e -> {
            assertThat(e.namespace() + "/" + e.name()).isEqualTo("default/big");
            assertThat(e.since()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(e.reasons()).containsExactly("2 nodes CardInsufficientMemory(n1,n2)",
                    "no available node, 2 nodes do not meet");
        });
        assertThat(passedOn).hasSize(2);
    }

    @Test
    void aLaterCallReplacesTheReasonsAndASuccessForgetsThePod() {
        reasons.record(pod("u1", "big"), true, "FilteringFailed", "no available node, 2 nodes do not meet");
        reasons.record(pod("u1", "big"), true, "FilteringFailed", "1 nodes CardInsufficientCore(n1)");
        reasons.record(pod("u1", "big"), true, "FilteringFailed", "no available node, 1 nodes do not meet");
        assertThat(reasons.entries()).singleElement().extracting(PendingReasons.Entry::reasons).asList()
                .containsExactly("1 nodes CardInsufficientCore(n1)", "no available node, 1 nodes do not meet");
        reasons.record(pod("u1", "big"), false, "FilteringSucceed", "find fit node(n1)");
        assertThat(reasons.entries()).isEmpty();
    }

    @Test
    void remembersAtMostATHousandPodsForgettingTheOldest() {
        for (int i = 0; i <= PendingReasons.MAX_PODS; i++) {
            reasons.record(pod("u" + i, "p" + i), true, "FilteringFailed", "no available node, 1 nodes do not meet");
        }
        assertThat(reasons.entries()).hasSize(PendingReasons.MAX_PODS);
        assertThat(reasons.entries().getFirst().name()).isEqualTo("p1");
    }

    private static Pod pod(String uid, String name) {
        return new PodBuilder().withNewMetadata().withUid(uid).withName(name).withNamespace("default").endMetadata()
                .build();
    }
}
