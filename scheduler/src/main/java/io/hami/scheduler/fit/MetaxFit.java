package io.hami.scheduler.fit;

import io.hami.model.protocol.MetaxAppClass;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.score.MetaxScore;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * MetaX's own rules (docs/scheduler.md, "MetaX"; HAMi source: {@code pkg/device/metax/sdevice.go}, {@code device.go},
 * {@code score.go}):
 * <ul>
 *   <li>sGPU application classes: a card in use takes {@code online}/{@code offline} pods only when its pods have a
 *       class, pods of no class only when its pods have none, and {@code offline} pods never join an {@code online}
 *       one; {@code online} pods book no cores and skip the core checks;</li>
 *   <li>sGPU QoS: a card in use keeps one policy, the one its sharing pods impose (else the plugin's report); exclusive
 *       requests (cores 100) and {@code online} pods are exempt;</li>
 *   <li>sGPU choice among the cards that fit: {@code online} pods prefer cards with fewer {@code online} pods and
 *       avoid cards only {@code offline} pods hold; exclusive requests of pods without a class prefer one MetaLink
 *       zone;</li>
 *   <li>node score: {@code online} pods by the classes on their cards, exclusive sGPUs by the links they keep and
 *       break (when topology-aware), whole GPUs by the node's topology losses or scores.</li>
 * </ul>
 */
final class MetaxFit {

    private static final int EXCLUSIVE = 100;

    private MetaxFit() {
    }

    /** Whether a pod's sGPUs book no cores and skip the core checks (an {@code online} pod). */
    static boolean booksNoCores(DeviceType type, PodOptions pod) {
        return type.kind() == DeviceType.Kind.METAX_SGPU && online(pod);
    }

    /**
     * Why card {@code p} refuses the container, or {@code null}: its application class, then its QoS policy.
     *
     * @param used  slots of the card in use, the pod's earlier containers included
     * @param cores the cores the container asks for
     */
    static FitReason refusal(NodeSnapshot node, DeviceSpec d, int p, int used, int cores, PodOptions pod, Plan plan,
                             int type, int container) {
        if (used == 0) {
            return null;
        }
        if (!sameClass(node, p, pod, plan, type, container)) {
            return FitReason.CARD_APP_CLASS_MISMATCH;
        }
        if (cores != EXCLUSIVE && !pod.metaxQos().isEmpty() && !sameQos(node, d, p, pod, plan, type, container)) {
            return FitReason.CARD_QOS_POLICY_MISMATCH;
        }
        return null;
    }

    /**
     * HAMi's {@code checkAppClass}. The pod's own earlier containers on the card count as pods of its class (HAMi does
     * not see them, and so refuses a class pod's second container on the card its first one took).
     */
    private static boolean sameClass(NodeSnapshot node, int p, PodOptions pod, Plan plan, int type, int container) {
        boolean own = pod.metaxClass().isPresent() && pickedBefore(p, plan, type, container);
        boolean online = node.onlinePods(p) > 0 || own && online(pod);
        boolean offline = node.offlinePods(p) > 0 || own && pod.metaxClass().get() == MetaxAppClass.OFFLINE;
        if ((online || offline) != pod.metaxClass().isPresent()) {
            return false;
        }
        return !(online && pod.metaxClass().orElse(null) == MetaxAppClass.OFFLINE);
    }

    /**
     * The card's policy: the pod's own once one of its containers took the card, else the one the pods sharing it
     * impose, else what the plugin reports.
     */
    private static boolean sameQos(NodeSnapshot node, DeviceSpec d, int p, PodOptions pod, Plan plan, int type,
                                   int container) {
        String qos = node.heldQos(p) != null ? node.heldQos(p) : d.qosPolicy();
        for (int c = 0; c < container; c++) {
            for (Pick pick : plan.get(type, c)) {
                if (pick.device() == p) {
                    qos = pick.cores() == EXCLUSIVE ? "" : pod.metaxQos();
                }
            }
        }
        return qos.isEmpty() || qos.equals(pod.metaxQos());
    }

    private static boolean pickedBefore(int p, Plan plan, int type, int container) {
        for (int c = 0; c < container; c++) {
            for (Pick pick : plan.get(type, c)) {
                if (pick.device() == p) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Chooses {@code count} of the sGPU candidates (in order of preference, more than {@code count}) into {@code out}:
     * an {@code online} pod by {@link #byClasses}, an exclusive request of a pod without a class by MetaLink zones
     * ({@link #byZones}), every other container the most preferred.
     */
    static void choose(NodeSnapshot node, List<Pick> picks, int count, int cores, PodOptions pod, List<Pick> out) {
        if (online(pod)) {
            out.addAll(byClasses(node, picks).subList(0, count));
        } else if (pod.metaxClass().isEmpty() && cores == EXCLUSIVE) {
            out.addAll(byZones(node, picks, count));
        } else {
            out.addAll(picks.subList(0, count));
        }
    }

    /**
     * HAMi's {@code prioritizeOnlineDevices}: cards held only by {@code offline} pods last (fewer first among them),
     * the others by fewer {@code online} pods, then fewer {@code offline} pods; a stable sort.
     */
    static List<Pick> byClasses(NodeSnapshot node, List<Pick> picks) {
        var sorted = new ArrayList<>(picks);
        sorted.sort((a, b) -> {
            int onA = node.onlinePods(a.device());
            int offA = node.offlinePods(a.device());
            int onB = node.onlinePods(b.device());
            int offB = node.offlinePods(b.device());
            boolean onlyOfflineA = onA == 0 && offA > 0;
            boolean onlyOfflineB = onB == 0 && offB > 0;
            if (onlyOfflineA != onlyOfflineB) {
                return onlyOfflineA ? 1 : -1;
            }
            if (!onlyOfflineA && onA != onB) {
                return Integer.compare(onA, onB);
            }
            return Integer.compare(offA, offB);
        });
        return sorted;
    }

    /**
     * HAMi's {@code prioritizeExclusiveDevices}: the cards grouped by MetaLink zone (zone 0 and below: no link), zones
     * from the smallest; the first zone that holds them all, else zones filled from the smallest, then cards without a
     * link. Zones of one size keep the order in which their first card is preferred (HAMi: map order).
     */
    static List<Pick> byZones(NodeSnapshot node, List<Pick> picks, int count) {
        var zones = new LinkedHashMap<Integer, List<Pick>>();
        var unlinked = new ArrayList<Pick>();
        for (Pick pick : picks) {
            int zone = node.device(pick.device()).linkZone();
            if (zone <= 0) {
                unlinked.add(pick);
            } else {
                zones.computeIfAbsent(zone, z -> new ArrayList<>()).add(pick);
            }
        }
        var linked = new ArrayList<>(zones.values());
        linked.sort((a, b) -> Integer.compare(a.size(), b.size()));
        for (List<Pick> zone : linked) {
            if (zone.size() >= count) {
                return zone.subList(0, count);
            }
        }
        var chosen = new ArrayList<Pick>(count);
        for (List<Pick> zone : linked) {
            for (Pick pick : zone) {
                if (chosen.size() < count) {
                    chosen.add(pick);
                }
            }
        }
        for (Pick pick : unlinked) {
            if (chosen.size() < count) {
                chosen.add(pick);
            }
        }
        return chosen;
    }

    /** MetaX's addition to the node score for the pod's devices of {@code type}; 0 for other types. */
    static float nodeScore(DeviceType type, NodeSnapshot node, PodOptions pod, Plan plan) {
        return switch (type.kind()) {
            case METAX_GPU -> MetaxScore.wholeGpu(pod.nodePolicy(), node.inventory().metaxTopology(),
                    devices(plan, type.ordinal()));
            case METAX_SGPU -> sgpuScore(type, node, pod, plan);
            default -> 0f;
        };
    }

    private static long devices(Plan plan, int type) {
        long n = 0;
        for (int c = 0; c < plan.containers(); c++) {
            n += plan.get(type, c).size();
        }
        return n;
    }

    /**
     * An {@code online} pod: the classes on its cards ({@link MetaxScore#online}); else, when topology-aware, its
     * exclusive cards' links ({@link MetaxScore#exclusive}); weighted for the node policy.
     */
    private static float sgpuScore(DeviceType type, NodeSnapshot node, PodOptions pod, Plan plan) {
        var chosen = new ArrayList<Integer>();
        var exclusive = new ArrayList<Integer>();
        for (int c = 0; c < plan.containers(); c++) {
            for (Pick pick : plan.get(type.ordinal(), c)) {
                if (!chosen.contains(pick.device())) {
                    chosen.add(pick.device());
                }
                if (pick.cores() == EXCLUSIVE) {
                    exclusive.add(pick.device());
                }
            }
        }
        if (chosen.isEmpty()) {
            return 0f;
        }
        if (online(pod)) {
            int score = 0;
            for (int p : chosen) {
                score += MetaxScore.online(node.onlinePods(p), node.offlinePods(p));
            }
            return MetaxScore.weighted(pod.nodePolicy(), score);
        }
        if (exclusive.isEmpty() || !pod.metaxTopologyAware().orElse(type.metaxTopologyAware())) {
            return 0f;
        }
        var idle = new ArrayList<Integer>();
        var rest = new ArrayList<Integer>();
        for (int p : node.devicesOfType(type.ordinal())) {
            if (node.used(p) == 0) {
                idle.add(p);
                if (!exclusive.contains(p)) {
                    rest.add(p);
                }
            }
        }
        return MetaxScore.weighted(pod.nodePolicy(), MetaxScore.exclusive(zones(node, exclusive), zones(node, idle),
                zones(node, rest)));
    }

    private static int[] zones(NodeSnapshot node, List<Integer> positions) {
        return positions.stream().mapToInt(p -> node.device(p).linkZone()).toArray();
    }

    private static boolean online(PodOptions pod) {
        return pod.metaxClass().equals(Optional.of(MetaxAppClass.ONLINE));
    }
}
