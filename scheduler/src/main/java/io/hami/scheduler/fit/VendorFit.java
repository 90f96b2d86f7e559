package io.hami.scheduler.fit;

import io.hami.model.config.VnpuConfig;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.request.ContainerRequest;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.score.TopologyChoice;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where device types really fit differently; everything else is {@link TypeFitter}'s shared logic.
 * <ul>
 *   <li>NVIDIA: {@code use/nouse-gputype} and {@code nvidia.com/vgpu-mode} filter devices; {@code topology-aware}
 *       collects every fitting GPU and then chooses by the node's pair scores.</li>
 *   <li>Ascend: soft split ({@code huawei.com/vnpu-mode: hami-core}) needs a node that allows it and treats every
 *       device as 100 cores; 910-family nodes whose devices all carry an HCCS network id collect every fitting device
 *       and then prefer one network (910C: whole two-die modules); the node score adds how well each container's
 *       devices share a network.</li>
 *   <li>Moore Threads: all of a pod's devices on one card.</li>
 *   <li>MetaX ({@link MetaxFit}): sGPU application classes and QoS policies, the choice among the cards that fit,
 *       and the node score of both MetaX types.</li>
 * </ul>
 */
final class VendorFit {

    /** HAMi's weight of the Ascend network score. */
    static final float ASCEND_NETWORK_WEIGHT = 10f;
    private static final String ASCEND_910 = "Ascend910";
    private static final int DIES_PER_MODULE = 2;

    private VendorFit() {
    }

    static boolean admitsType(DeviceSpec d, FitScope scope, NodeSnapshot node) {
        DeviceType t = d.type();
        PodOptions pod = scope.options();
        if (scope.typeFiltered(t.ordinal()) && !pod.typeFilter(t.ordinal()).admits(d.model())) {
            return false;
        }
        return switch (t.kind()) {
            case NVIDIA -> !scope.modeFiltered() || pod.vgpuMode().admits(d.mode());
            case ASCEND -> !pod.ascendSoft() || node.inventory().ascendSoftCapable();
            default -> true;
        };
    }

    static int totalCores(DeviceSpec d, PodOptions pod) {
        return d.type().kind() == DeviceType.Kind.ASCEND && pod.ascendSoft() ? 100 : d.totalCores();
    }

    static boolean collectsAll(DeviceType type, PodOptions pod, NodeSnapshot node) {
        return switch (type.kind()) {
            case NVIDIA -> pod.topologyAware();
            case ASCEND -> ascendNetwork(type, node);
            case METAX_SGPU -> true;
            default -> false;
        };
    }

    /** Whether the node's devices of an Ascend 910 type all carry a network id. */
    static boolean ascendNetwork(DeviceType type, NodeSnapshot node) {
        if (!type.commonWord().startsWith(ASCEND_910) || node.countOfType(type.ordinal()) == 0) {
            return false;
        }
        for (int i = 0; i < node.deviceCount(); i++) {
            if (node.device(i).type() == type && node.device(i).networkId() == null) {
                return false;
            }
        }
        return true;
    }

    static boolean admitsPick(NodeSnapshot node, DeviceSpec d, int p, int used, int cores, PodOptions pod, Plan plan,
                              int type, int container) {
        return switch (d.type().kind()) {
            case MTHREADS -> onlyThisCard(p, plan, type, container);
            default -> true;
        };
    }

    /** Why a vendor refuses a card before the shared checks (MetaX sGPU: app class, QoS), or {@code null}. */
    static FitReason refusal(NodeSnapshot node, DeviceSpec d, int p, int used, int cores, PodOptions pod, Plan plan,
                             int type, int container) {
        return d.type().kind() == DeviceType.Kind.METAX_SGPU
                ? MetaxFit.refusal(node, d, p, used, cores, pod, plan, type, container) : null;
    }

    /** The reason an unhealthy device counts (MetaX sGPU has its own word). */
    static FitReason unhealthy(DeviceType type) {
        return type.kind() == DeviceType.Kind.METAX_SGPU ? FitReason.CARD_UNHEALTHY : FitReason.CARD_NOT_HEALTH;
    }

    /** Whether cores above 100 are read as 100 (HAMi's MetaX sGPU fit does not cap them). */
    static boolean capsCores(DeviceType type) {
        return type.kind() != DeviceType.Kind.METAX_SGPU;
    }

    private static boolean onlyThisCard(int p, Plan plan, int type, int container) {
        for (int c = 0; c < plan.containers(); c++) {
            if (c == container) {
                continue;
            }
            for (Pick pick : plan.get(type, c)) {
                if (pick.device() != p) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Chooses {@code count} of the collected candidates into {@code out}; false when no valid choice exists. */
    static boolean choose(DeviceType type, NodeSnapshot node, List<Pick> picks, ContainerRequest k, PodOptions pod,
                          List<Pick> out) {
        int count = k.count();
        if (type.ascend().map(VnpuConfig::superPod).orElse(false)) {
            return wholeModules(node, picks, count, out);
        }
        if (picks.size() == count) {
            out.addAll(picks);
            return true;
        }
        if (type.kind() == DeviceType.Kind.METAX_SGPU) {
            MetaxFit.choose(node, picks, count, k.cores(), pod, out);
            return true;
        }
        if (type.kind() == DeviceType.Kind.NVIDIA) {
            TopologyChoice.Links links = (a, b) -> node.inventory().pairScore(
                    node.device(picks.get(a).device()).id(), node.device(picks.get(b).device()).id());
            if (count == 1) {
                out.add(picks.get(TopologyChoice.single(picks.size(), links)));
            } else {
                for (int i : TopologyChoice.set(picks.size(), count, links)) {
                    out.add(picks.get(i));
                }
            }
            return true;
        }
        if (count == 1) {
            out.add(picks.getFirst());
            return true;
        }
        var byNetwork = new LinkedHashMap<Integer, List<Pick>>();
        for (Pick pick : picks) {
            byNetwork.computeIfAbsent(node.device(pick.device()).networkId(), id -> new ArrayList<>()).add(pick);
        }
        var groups = new ArrayList<>(byNetwork.values());
        groups.sort((a, b) -> Integer.compare(b.size(), a.size()));
        for (List<Pick> group : groups) {
            for (Pick pick : group) {
                if (out.size() < count) {
                    out.add(pick);
                }
            }
        }
        return out.size() == count;
    }

    /**
     * 910C: dies {@code 2k} and {@code 2k+1} form one module; only modules with both dies free are taken, also when
     * exactly as many dies as requested fit (HAMi v2.10 then takes them even from two half-used modules).
     */
    private static boolean wholeModules(NodeSnapshot node, List<Pick> picks, int count, List<Pick> out) {
        var modules = new LinkedHashMap<Integer, List<Pick>>();
        for (Pick pick : picks) {
            modules.computeIfAbsent(node.device(pick.device()).index() / DIES_PER_MODULE, k -> new ArrayList<>())
                    .add(pick);
        }
        for (List<Pick> module : modules.values()) {
            if (module.size() == DIES_PER_MODULE && out.size() + DIES_PER_MODULE <= count) {
                out.addAll(module);
            }
        }
        return out.size() == count;
    }

    /**
     * Whether a type adds to the node score what only fitting tells (and so every node must be fitted to compare):
     * Ascend 910 networks, and MetaX (whose additions depend on the chosen cards or the node's topology annotations).
     */
    static boolean scoreDependsOnAllocation(DeviceType type) {
        return type.kind() == DeviceType.Kind.ASCEND && type.commonWord().startsWith(ASCEND_910)
                || type.kind() == DeviceType.Kind.METAX_GPU || type.kind() == DeviceType.Kind.METAX_SGPU;
    }

    /** The type's addition to the node score for the pod's devices; 0 for the types that add nothing. */
    static float nodeScore(DeviceType type, NodeSnapshot node, PodOptions pod, Plan plan) {
        if (!scoreDependsOnAllocation(type)) {
            return 0f;
        }
        if (type.kind() == DeviceType.Kind.ASCEND) {
            return ascendNetworkScore(node, plan.perContainer(type.ordinal()));
        }
        return MetaxFit.nodeScore(type, node, pod, plan);
    }

    /**
     * Ascend 910 types: per container the share of its devices in its largest network, summed, times 10; 0 when a
     * chosen device has no network id.
     */
    private static float ascendNetworkScore(NodeSnapshot node, List<List<Pick>> perContainer) {
        float score = 0f;
        for (List<Pick> container : perContainer) {
            if (container.isEmpty()) {
                continue;
            }
            Map<Integer, Integer> counts = new LinkedHashMap<>();
            for (Pick pick : container) {
                Integer network = node.device(pick.device()).networkId();
                if (network == null) {
                    return 0f;
                }
                counts.merge(network, 1, Integer::sum);
            }
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            score += (float) max / (float) container.size();
        }
        return score * ASCEND_NETWORK_WEIGHT;
    }
}
