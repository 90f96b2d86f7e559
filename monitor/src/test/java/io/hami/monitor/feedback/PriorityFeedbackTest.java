package io.hami.monitor.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PriorityFeedbackTest {
    private static final String A = "GPU-a";
    private static final String B = "GPU-b";

    /** {@code name:priority:recentKernel:switch:uuid+uuid}. */
    private static FeedbackInput in(String spec) {
        var f = spec.split(":", -1);
        var uuids = f[4].isEmpty() ? Set.<String>of() : Set.of(f[4].split("\\+"));
        return new FeedbackInput(f[0], uuids, Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // a lone active container may burst: its switch goes off, its heartbeat counts down
                Arguments.of("lone active container", List.of("c1:1:2:1:GPU-a"), Map.of("c1", "rk=1 sw=0")),
                Arguments.of("lone idle container", List.of("c1:1:0:1:GPU-a"), Map.of("c1", "sw=0")),
                Arguments.of("lone container already free", List.of("c1:1:1:0:GPU-a"), Map.of("c1", "rk=0")),
                // two containers of the same priority active on one GPU: both enforce their core limit
                Arguments.of("two same-priority active", List.of("c1:1:2:0:GPU-a", "c2:1:2:0:GPU-a"),
                        Map.of("c1", "rk=1 sw=1", "c2", "rk=1 sw=1")),
                Arguments.of("two same-priority on other GPUs", List.of("c1:1:2:1:GPU-a", "c2:1:2:1:GPU-b"),
                        Map.of("c1", "rk=1 sw=0", "c2", "rk=1 sw=0")),
                Arguments.of("one active, one idle", List.of("c1:1:2:1:GPU-a", "c2:1:0:1:GPU-a"),
                        Map.of("c1", "rk=1 sw=0", "c2", "sw=0")),
                // a high-priority container active: the low-priority one is blocked and limited
                Arguments.of("high blocks low", List.of("hi:0:2:1:GPU-a", "lo:1:2:0:GPU-a"),
                        Map.of("hi", "rk=1 sw=0", "lo", "rk=-1 sw=1")),
                Arguments.of("high blocks an idle low", List.of("hi:0:2:0:GPU-a", "lo:1:0:0:GPU-a"),
                        Map.of("hi", "rk=1", "lo", "rk=-1 sw=1")),
                Arguments.of("still blocked: nothing to write", List.of("hi:0:2:0:GPU-a", "lo:1:-1:1:GPU-a"),
                        Map.of("hi", "rk=1")),
                Arguments.of("high idle again: low released", List.of("hi:0:1:0:GPU-a", "lo:1:-1:1:GPU-a"),
                        Map.of("hi", "rk=0", "lo", "rk=0 sw=0")),
                Arguments.of("high on another GPU blocks nothing", List.of("hi:0:2:0:GPU-b", "lo:1:2:0:GPU-a"),
                        Map.of("hi", "rk=1", "lo", "rk=1")),
                Arguments.of("shared on one of two GPUs", List.of("hi:0:2:0:GPU-b", "lo:1:2:0:GPU-a+GPU-b"),
                        Map.of("hi", "rk=1", "lo", "rk=-1 sw=1")),
                Arguments.of("low never blocks high", List.of("hi:0:0:1:GPU-a", "lo:1:2:1:GPU-a"),
                        Map.of("hi", "sw=0", "lo", "rk=1 sw=0")),
                Arguments.of("two lows under one high", List.of("hi:0:2:0:GPU-a", "l1:1:2:0:GPU-a", "l2:1:0:0:GPU-a"),
                        Map.of("hi", "rk=1", "l1", "rk=-1 sw=1", "l2", "rk=-1 sw=1")),
                Arguments.of("no uuid yet: never counted, never blocked", List.of("hi:0:2:0:GPU-a", "new:1:2:1:"),
                        Map.of("hi", "rk=1", "new", "rk=1 sw=0")),
                // hostile values: out-of-range priorities only count down, recent_kernel above 2 counts as 2
                Arguments.of("huge priority", List.of("x:2147483647:2:1:GPU-a", "c:1:2:1:GPU-a"),
                        Map.of("x", "rk=1", "c", "rk=1 sw=0")),
                Arguments.of("negative priority", List.of("x:-5:0:1:GPU-a"), Map.of()),
                Arguments.of("recent_kernel above 2", List.of("c:1:1000:0:GPU-a"), Map.of("c", "rk=1")),
                Arguments.of("recent_kernel far below -1", List.of("c:1:-77:1:GPU-a"), Map.of("c", "rk=0 sw=0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidesAsHamiDoes(String name, List<String> containers, Map<String, String> expected) {
        var writes = PriorityFeedback.plan(containers.stream().map(PriorityFeedbackTest::in).toList());
        var actual = new TreeMap<String, String>();
        for (var w : writes) {
            var text = new ArrayList<String>();
            w.recentKernel().ifPresent(v -> text.add("rk=" + v));
            w.utilizationSwitch().ifPresent(v -> text.add("sw=" + v));
            actual.put(w.key(), String.join(" ", text));
        }
        assertThat(actual).isEqualTo(new TreeMap<>(expected));
    }

    /** Passes over two containers as libvgpu and the monitor take turns: blocked while high runs, then released. */
    @Test
    void lowPriorityIsBlockedWhileHighRunsAndReleasedAfter() {
        var state = new TreeMap<String, int[]>(); // key -> {priority, recentKernel, switch}
        state.put("hi", new int[] {0, 2, 1});
        state.put("lo", new int[] {1, 2, 1});
        var trace = new ArrayList<String>();
        for (int pass = 0; pass < 5; pass++) {
            boolean hiLaunches = pass < 2;
            launch(state.get("hi"), hiLaunches);
            launch(state.get("lo"), true);
            var inputs = state.entrySet().stream().map(e -> new FeedbackInput(e.getKey(), Set.of(A), e.getValue()[0],
                    e.getValue()[1], e.getValue()[2])).toList();
            for (var w : PriorityFeedback.plan(inputs)) {
                w.recentKernel().ifPresent(v -> state.get(w.key())[1] = v);
                w.utilizationSwitch().ifPresent(v -> state.get(w.key())[2] = v);
            }
            trace.add("lo rk=" + state.get("lo")[1] + " sw=" + state.get("lo")[2]);
        }
        assertThat(trace).containsExactly("lo rk=-1 sw=1", "lo rk=-1 sw=1", "lo rk=0 sw=0", "lo rk=1 sw=0", "lo rk=1 sw=0");
    }

    /** libvgpu's limiter: a launch waits while blocked, otherwise marks the container active. */
    private static void launch(int[] container, boolean launches) {
        if (launches && container[1] >= 0) {
            container[1] = 2;
        }
    }

    @Test
    void writesStayInTheirRangesAndOnlyChangeValues() {
        qt().forAll(lists().of(integers().between(0, 9999)).ofSizeBetween(0, 12)).checkAssert(seeds -> {
            var inputs = new ArrayList<FeedbackInput>();
            for (int i = 0; i < seeds.size(); i++) {
                int s = seeds.get(i);
                int priority = s % 7 == 6 ? Integer.MAX_VALUE : s % 3;
                inputs.add(new FeedbackInput("c" + i, s % 5 == 0 ? Set.of(A, B) : Set.of(s % 2 == 0 ? A : B), priority,
                        (s / 7) % 6 - 2, (s / 11) % 2));
            }
            for (var w : PriorityFeedback.plan(inputs)) {
                var in = inputs.get(Integer.parseInt(w.key().substring(1)));
                assertThat(w.isEmpty()).isFalse();
                w.utilizationSwitch().ifPresent(v -> assertThat(v).isIn(0, 1).isNotEqualTo(in.utilizationSwitch()));
                w.recentKernel().ifPresent(v -> assertThat(v).isBetween(-1, 1).isNotEqualTo(in.recentKernel()));
                if (!in.priorityValid()) {
                    assertThat(w.utilizationSwitch()).isEqualTo(OptionalInt.empty());
                }
            }
        });
    }
}
