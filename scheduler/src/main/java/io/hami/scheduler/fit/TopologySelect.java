package io.hami.scheduler.fit;

import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.quota.QuotaGuard;
import io.hami.scheduler.request.ContainerRequest;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Device choices that follow a node's wiring rather than the per-device walk of {@link TypeFitter} (docs/vendors.md,
 * "The vendors the scheduler serves"). Devices are taken by their index.
 * <ul>
 *   <li><b>Kunlunxin</b> (HAMi: {@code graghSelect} in {@code pkg/device/kunlun/topo.go}): a P800 node has two groups
 *       of four XPUs, 0-3 and 4-7, fully linked within a group and linked {@code i}–{@code i+4} across. A container
 *       takes 1, 2, 4 or 8 XPUs. With 1, 2 or 4 it prefers the group that has exactly as many usable XPUs as it needs
 *       (for 1: then a group with 3, 2, 4 usable; for 2: 3, 4), so the other group stays whole; failing that, 2 XPUs
 *       linked across ({@code 0-4}, {@code 1-5}, …) or 4 forming a ring across the groups ({@code 0-1-4-5}, …). 8 takes
 *       the node. No choice is one {@code NumaNotFit} (or the UUID mismatches, or under {@code mutex} the XPUs in use
 *       that would otherwise fit: {@code ExclusiveDeviceAllocateConflict}). A whole XPU is usable when unused; a vXPU
 *       when the memory fits and the XPU holds only vXPUs of the same size.</li>
 *   <li><b>AWS Neuron</b>, several devices (HAMi: {@code graphSelect} in {@code pkg/device/awsneuron/device.go}):
 *       contiguous unused devices; on Inferentia ({@code inf} instance types, a ring) from any start, otherwise 4, 8 or
 *       16 devices aligned to their size. None is one {@code NumaNotFit}.</li>
 * </ul>
 * Both check the namespace quota as the per-device walk does: Kunlunxin each usable XPU alone (those over the quota
 * count {@code ResourceQuotaNotFit} when nothing is chosen), then both the whole choice, which fails the node with
 * {@code ResourceQuotaNotFit} for its devices. HAMi v2.10 checks no quota in these two placements (only its webhook
 * does); here a pod past the webhook cannot take more than its namespace's limit through them either.
 */
final class TopologySelect {

    private static final int[][] ACROSS = {{0, 4}, {1, 5}, {2, 6}, {3, 7}};
    private static final int[][] WITHIN = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}, {4, 5}, {4, 6}, {4, 7},
        {5, 6}, {5, 7}, {6, 7}};
    private static final int[][] RINGS = {{0, 1, 4, 5}, {2, 3, 6, 7}, {0, 2, 4, 6}, {1, 3, 5, 7}, {0, 3, 4, 7},
        {1, 2, 5, 6}};
    private static final int[] ODD_ORDER = {1, 3, 2, 4};
    private static final int GROUP = 4;

    private TopologySelect() {
    }

    /** Whether a request is placed here rather than by {@link TypeFitter}. */
    static boolean applies(ContainerRequest k) {
        return switch (k.type().kind()) {
            case KUNLUN -> true;
            case AWS_NEURON -> k.count() > 1;
            default -> false;
        };
    }

    /**
     * Places the request of container {@code container} ({@code plan} holds the pod's containers placed before it);
     * fills {@code s.chosen} and returns {@code null}, or returns the node's reason.
     */
    static String fit(NodeSnapshot node, FitScope scope, ContainerRequest k, int container, Plan plan, int n,
                      Scratch s) {
        Arrays.fill(s.reasons, 0);
        int[] byIndex = Arrays.copyOf(s.order, n);
        sortByIndex(node, byIndex);
        var quota = new Quota(scope.guard(k.type()), plan, k.type().ordinal(), container);
        return k.type().kind() == DeviceType.Kind.KUNLUN ? kunlun(node, scope, k, quota, byIndex, s)
                : neuron(node, k, quota, byIndex, s);
    }

    /**
     * The namespace quota over the pod's collapsed total, as {@link TypeFitter} checks it per device (check 8 of
     * docs/scheduler.md, "Fitting and reasons"): here for one usable device alone and then for the whole choice.
     */
    private record Quota(QuotaGuard guard, Plan plan, int type, int container) {
        boolean fits(List<Pick> picks) {
            if (guard == null || picks.isEmpty()) {
                return true;
            }
            Pick last = picks.getLast();
            return QuotaTotals.fits(guard, plan, type, container, picks.subList(0, picks.size() - 1), last.device(),
                    last.mem(), last.cores());
        }
    }

    private static String kunlun(NodeSnapshot node, FitScope scope, ContainerRequest k, Quota quota, int[] devices,
                                 Scratch s) {
        DeviceType type = k.type();
        PodOptions pod = scope.options();
        boolean vxpu = type.descriptor().sharesMemory();
        Set<Integer> uuidMismatch = new LinkedHashSet<>();
        Set<Integer> overQuota = new LinkedHashSet<>();
        IntPredicate usable = i -> {
            int p = devices[i];
            DeviceSpec d = node.device(p);
            if (scope.uuidFiltered(type.ordinal()) && !pod.uuidFilter(type.ordinal()).admits(d.id())) {
                uuidMismatch.add(p);
                return false;
            }
            if (node.cordoned(p) || !d.healthy()) {
                return false;
            }
            boolean free = vxpu ? (!pod.mutex() || s.used[p] == 0) && vxpuFits(d, s.used[p], s.usedMem[p], k.memory())
                    : s.used[p] == 0;
            if (free && !quota.fits(List.of(kunlunPick(d, p, vxpu, k)))) {
                overQuota.add(p);
                return false;
            }
            return free;
        };
        List<Integer> chosen = graphSelect(devices.length, k.count(), usable);
        var picks = chosen.stream().map(i -> kunlunPick(node.device(devices[i]), devices[i], vxpu, k)).toList();
        if (!chosen.isEmpty() && !quota.fits(picks)) {
            s.reasons[FitReason.RESOURCE_QUOTA_NOT_FIT.ordinal()] = chosen.size();
            return s.reason(devices.length);
        }
        if (chosen.isEmpty()) {
            int conflicts = 0;
            if (vxpu && pod.mutex()) {
                for (int p : devices) {
                    if (s.used[p] > 0 && node.device(p).healthy()
                            && vxpuFits(node.device(p), s.used[p], s.usedMem[p], k.memory())) {
                        conflicts++;
                    }
                }
            }
            if (conflicts > 0) {
                s.reasons[FitReason.EXCLUSIVE_DEVICE_ALLOCATE_CONFLICT.ordinal()] = conflicts;
            } else if (!uuidMismatch.isEmpty()) {
                s.reasons[FitReason.CARD_UUID_MISMATCH.ordinal()] = uuidMismatch.size();
            } else if (!overQuota.isEmpty()) {
                s.reasons[FitReason.RESOURCE_QUOTA_NOT_FIT.ordinal()] = overQuota.size();
            } else {
                s.reasons[FitReason.NUMA_NOT_FIT.ordinal()] = 1;
            }
            return s.reason(devices.length);
        }
        s.chosen.clear();
        s.chosen.addAll(picks);
        return null;
    }

    /** What an XPU books: a vXPU its size, a whole XPU all of it. */
    private static Pick kunlunPick(DeviceSpec d, int position, boolean vxpu, ContainerRequest k) {
        return vxpu ? new Pick(position, k.memory(), k.cores()) : new Pick(position, d.totalMem(), d.totalCores());
    }

    /** HAMi's {@code FitVXPU}: the memory fits, and an XPU in use holds vXPUs of this size only. */
    private static boolean vxpuFits(DeviceSpec d, int used, int usedMem, int memory) {
        if ((long) memory + usedMem > d.totalMem()) {
            return false;
        }
        return used == 0 || usedMem / used == memory;
    }

    /** Positions (into the index-sorted devices) of the choice, or none. */
    static List<Integer> graphSelect(int size, int count, IntPredicate usable) {
        int left = 0;
        int right = 0;
        for (int i = 0; i < size; i++) {
            if (usable.test(i)) {
                if (i < GROUP) {
                    left++;
                } else {
                    right++;
                }
            }
        }
        if (count == 8) {
            return left + right == 8 ? range(0, 8) : List.of();
        }
        if (count != 1 && count != 2 && count != GROUP) {
            return List.of();
        }
        if (left >= count || right >= count) {
            for (int slots = count; slots <= GROUP; slots++) {
                int num = count % 2 == 1 ? ODD_ORDER[slots - 1] : slots;
                if (left == num) {
                    return pick(size, 0, count, usable);
                }
                if (right == num) {
                    return pick(size, GROUP, count, usable);
                }
            }
        }
        return across(size, count, usable);
    }

    private static List<Integer> pick(int size, int start, int count, IntPredicate usable) {
        var out = new ArrayList<Integer>();
        for (int t = start; t < Math.min(size, 2 * GROUP); t++) {
            if (usable.test(t)) {
                out.add(t);
                if (out.size() == count) {
                    break;
                }
            }
        }
        return out;
    }

    private static List<Integer> across(int size, int count, IntPredicate usable) {
        var free = new ArrayList<Integer>();
        for (int i = 0; i < size; i++) {
            if (usable.test(i)) {
                free.add(i);
            }
        }
        if (count == 2) {
            for (int a : free) {
                for (int b : free) {
                    if (a != b && linked(ACROSS, a, b)) {
                        return List.of(a, b);
                    }
                }
            }
        }
        if (count == GROUP && (free.size() == 4 || free.size() == 5)) {
            for (int[] ring : RINGS) {
                if (holds(free, ring)) {
                    return toList(ring);
                }
            }
        }
        if (count == GROUP && free.size() == 6) {
            List<Integer> last = List.of();
            for (int[] ring : RINGS) {
                if (holds(free, ring)) {
                    last = toList(ring);
                    var rest = new ArrayList<>(free);
                    rest.removeAll(last);
                    if (pairLeft(rest)) {
                        return last;
                    }
                }
            }
            return last;
        }
        return List.of();
    }

    /** Whether the XPUs left after a ring still hold a linked pair (so a later 2-XPU container fits). */
    private static boolean pairLeft(List<Integer> rest) {
        for (int[][] links : new int[][][] {ACROSS, WITHIN}) {
            for (int[] link : links) {
                if (rest.contains(link[0]) && rest.contains(link[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean linked(int[][] links, int a, int b) {
        for (int[] link : links) {
            if (link[0] == a && link[1] == b || link[0] == b && link[1] == a) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(List<Integer> free, int[] want) {
        for (int w : want) {
            if (!free.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private static String neuron(NodeSnapshot node, ContainerRequest k, Quota quota, int[] devices, Scratch s) {
        int count = k.count();
        String instance = devices.length == 0 ? "" : node.device(devices[0]).custom("instanceType");
        boolean ring = instance.contains("inf") || instance.contains("Inf");
        int step = ring ? 1 : count;
        if (ring || count == 1 || count == 4 || count == 8 || count == 16) {
            for (int start = 0; start + count <= devices.length; start += step) {
                if (contiguousFree(node, devices, start, count, s)) {
                    var picks = new ArrayList<Pick>();
                    var cores = new ArrayList<Pick>();
                    for (int i = start; i < start + count; i++) {
                        DeviceSpec d = node.device(devices[i]);
                        picks.add(new Pick(devices[i], d.totalMem(), d.totalCores()));
                        // the quota counts NeuronCores, as the request and the webhook do; a pick books their mask
                        cores.add(new Pick(devices[i], d.totalMem(), Integer.bitCount(d.totalCores())));
                    }
                    if (!quota.fits(cores)) {
                        s.reasons[FitReason.RESOURCE_QUOTA_NOT_FIT.ordinal()] = count;
                        return s.reason(devices.length);
                    }
                    s.chosen.clear();
                    s.chosen.addAll(picks);
                    return null;
                }
            }
        }
        s.reasons[FitReason.NUMA_NOT_FIT.ordinal()] = 1;
        return s.reason(devices.length);
    }

    private static boolean contiguousFree(NodeSnapshot node, int[] devices, int start, int count, Scratch s) {
        for (int i = start; i < start + count; i++) {
            int p = devices[i];
            if (s.used[p] > 0 || !node.device(p).healthy() || node.cordoned(p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * HAMi's {@code ScoreNode} of whole Kunlunxin XPUs: how the pod changes the number of "bubbles" (groups broken into
     * pieces) on the node: 3000 when it closes one, 2000 when it keeps the count, 1000 when it opens one, 0 for two. A
     * node that has devices of other types scores 0.
     */
    static float kunlunScore(DeviceType type, NodeSnapshot node, List<List<Pick>> perContainer) {
        var previous = new LinkedHashSet<Integer>();
        for (int i = 0; i < node.deviceCount(); i++) {
            if (node.device(i).type() != type) {
                return 0f;
            }
            if (node.used(i) > 0) {
                previous.add(node.device(i).index());
            }
        }
        var current = new LinkedHashSet<Integer>();
        for (List<Pick> container : perContainer) {
            for (Pick pick : container) {
                current.add(node.device(pick.device()).index());
            }
        }
        return score(previous, current);
    }

    /** The score of a pod taking XPUs {@code current} on a node whose XPUs {@code previous} are in use. */
    static float score(Set<Integer> previous, Set<Integer> current) {
        return switch (bubbles(current) - bubbles(previous)) {
            case -1 -> 3000f;
            case 0 -> 2000f;
            case 2 -> 0f;
            default -> 1000f;
        };
    }

    private static int bubbles(Set<Integer> indexes) {
        int left = 0;
        int right = 0;
        for (int i : indexes) {
            if (i < GROUP) {
                left++;
            } else {
                right++;
            }
        }
        if (left == 0 && right == 0) {
            return 1;
        }
        return groupValue(left) + groupValue(right);
    }

    private static int groupValue(int taken) {
        return taken == GROUP ? 0 : taken == 1 ? 2 : 1;
    }

    private static void sortByIndex(NodeSnapshot node, int[] positions) {
        for (int i = 1; i < positions.length; i++) {
            int p = positions[i];
            int j = i - 1;
            while (j >= 0 && node.device(positions[j]).index() > node.device(p).index()) {
                positions[j + 1] = positions[j];
                j--;
            }
            positions[j + 1] = p;
        }
    }

    private static List<Integer> range(int from, int to) {
        var out = new ArrayList<Integer>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    private static List<Integer> toList(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
