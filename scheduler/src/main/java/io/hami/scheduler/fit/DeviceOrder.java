package io.hami.scheduler.fit;

import io.hami.model.annotation.GpuPolicyToken;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.scheduler.snapshot.NodeSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a GPU policy orders a node's devices for one container (HAMi's device comparator;
 * docs/scheduler.md, "Scores and policies"). Devices are sorted ascending and the fitter takes from the end, so the
 * last device is the most preferred:
 * <ul>
 *   <li>a chain ({@code binpack,numa}, a comma list, or {@code numa}): each key in turn, binpack = lower score first,
 *       spread = higher score first, numa = lower NUMA first; full ties by device index;</li>
 *   <li>{@code mutex}: busier devices first (idle ones are preferred), then lower NUMA first;</li>
 *   <li>numa-bind with a single policy: grouped by NUMA (binpack: higher NUMA first, lower score first within;
 *       otherwise lower NUMA first, higher score first within);</li>
 *   <li>{@code binpack}: lower score first; otherwise (spread, topology-aware) higher score first; ties by NUMA.</li>
 * </ul>
 * The sort is stable, so devices that compare equal keep their registration order, as Go's insertion sort keeps them
 * for up to 12 devices.
 */
final class DeviceOrder {

    private enum Mode { CHAIN, MUTEX, NUMA_BINPACK, NUMA_SPREAD, BINPACK, SPREAD }

    private final Mode mode;
    private final GpuPolicyToken[] chain;

    private DeviceOrder(Mode mode, List<GpuPolicyToken> chain) {
        this.mode = mode;
        this.chain = chain.toArray(GpuPolicyToken[]::new);
    }

    /** The order of a policy, with the pod's numa-bind. */
    static DeviceOrder of(GpuSchedulerPolicy policy, boolean numaBind) {
        Objects.requireNonNull(policy, "policy");
        if (policy.isChain()) {
            return new DeviceOrder(Mode.CHAIN, policy.chain(numaBind));
        }
        GpuPolicyToken single = policy.single().orElseThrow();
        if (single == GpuPolicyToken.MUTEX) {
            return new DeviceOrder(Mode.MUTEX, List.of());
        }
        boolean binpack = single == GpuPolicyToken.BINPACK;
        if (numaBind) {
            return new DeviceOrder(binpack ? Mode.NUMA_BINPACK : Mode.NUMA_SPREAD, List.of());
        }
        return new DeviceOrder(binpack ? Mode.BINPACK : Mode.SPREAD, List.of());
    }

    /**
     * Sorts device positions of a node in place.
     *
     * @param positions device positions in the node; the first {@code length} are sorted
     * @param scores    score by device position
     * @param used      slots in use by device position (the mutex order reads it)
     */
    void sort(int[] positions, int length, float[] scores, NodeSnapshot node, int[] used) {
        if (length <= 32) {
            for (int i = 1; i < length; i++) {
                int x = positions[i];
                int j = i - 1;
                while (j >= 0 && compare(x, positions[j], scores, node, used) < 0) {
                    positions[j + 1] = positions[j];
                    j--;
                }
                positions[j + 1] = x;
            }
            return;
        }
        Integer[] boxed = Arrays.stream(positions, 0, length).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, (a, b) -> compare(a, b, scores, node, used));
        for (int i = 0; i < boxed.length; i++) {
            positions[i] = boxed[i];
        }
    }

    /** Negative when device {@code a} sorts before {@code b} (is less preferred), 0 when they tie. */
    int compare(int a, int b, float[] scores, NodeSnapshot node, int[] used) {
        int numaA = node.device(a).numa();
        int numaB = node.device(b).numa();
        return switch (mode) {
            case CHAIN -> chain(a, b, scores, node, numaA, numaB);
            case MUTEX -> used[a] != used[b] ? (used[a] > used[b] ? -1 : 1) : Integer.compare(numaA, numaB);
            case NUMA_BINPACK -> numaA == numaB ? ascending(scores[a], scores[b]) : Integer.compare(numaB, numaA);
            case NUMA_SPREAD -> numaA == numaB ? ascending(scores[b], scores[a]) : Integer.compare(numaA, numaB);
            case BINPACK -> scores[a] != scores[b] ? ascending(scores[a], scores[b]) : Integer.compare(numaA, numaB);
            case SPREAD -> scores[a] != scores[b] ? ascending(scores[b], scores[a]) : Integer.compare(numaA, numaB);
        };
    }

    private int chain(int a, int b, float[] scores, NodeSnapshot node, int numaA, int numaB) {
        for (GpuPolicyToken key : chain) {
            int c = switch (key) {
                case BINPACK -> ascending(scores[a], scores[b]);
                case SPREAD -> ascending(scores[b], scores[a]);
                case NUMA -> Integer.compare(numaA, numaB);
                default -> 0;
            };
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(node.device(a).index(), node.device(b).index());
    }

    private static int ascending(float x, float y) {
        return x < y ? -1 : x > y ? 1 : 0;
    }
}
