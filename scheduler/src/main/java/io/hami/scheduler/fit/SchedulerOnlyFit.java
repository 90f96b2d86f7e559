package io.hami.scheduler.fit;

import io.hami.model.device.EnflameDrsCapacity;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.EnflameDrs;
import io.hami.scheduler.request.ContainerRequest;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-device rules of the six vendors the scheduler serves alone, where they differ from {@link TypeFitter}'s
 * shared walk (HAMi: {@code Fit} in {@code pkg/device/<vendor>/}; docs/vendors.md, "The vendors the scheduler serves").
 * Kunlunxin's and AWS Neuron's multi-device placement is {@link TopologySelect}.
 * <ul>
 *   <li>Enflame GCU: a GCU in use is an {@code ExclusiveDeviceAllocateConflict}.</li>
 *   <li>Enflame DRS: the request is resolved to the node's smallest profile that holds it, before the walk
 *       ({@link #resolveDrs}); none is one {@code ModeNotFit} for the node.</li>
 *   <li>AMD: cores are a percentage of the GPU's compute units: {@code units × percent / 100}, at least 1, at most
 *       all.</li>
 *   <li>AWS Neuron: a device's cores are a bit mask of its NeuronCores; a container gets the lowest free bits.</li>
 *   <li>Vastai in die mode (devices registered with {@code DeviceStrategy: die}): every fitting die is collected, and
 *       several are taken from as few cards ({@code AIC}) as possible; the node score adds, per container, the share of
 *       its dies on its largest card.</li>
 * </ul>
 */
final class SchedulerOnlyFit {

    private static final String AIC = "AIC";
    private static final String DEVICE_STRATEGY = "DeviceStrategy";
    private static final String DIE = "die";

    private SchedulerOnlyFit() {
    }

    /** Whether a device in use is a conflict rather than a full one (Enflame whole GCUs). */
    static boolean exclusive(DeviceType type) {
        return type.kind() == DeviceType.Kind.ENFLAME_GCU;
    }

    /** The cores a request of {@code cores} takes on {@code d}, in the device's own unit. */
    static int coresOn(DeviceSpec d, int cores) {
        if (d.type().kind() != DeviceType.Kind.AMD) {
            return cores;
        }
        if (d.totalCores() <= 0) {
            return Integer.MAX_VALUE;
        }
        int units = (int) ((long) d.totalCores() * cores / 100);
        return Math.min(Math.max(units, 1), d.totalCores());
    }

    /** The cores still free on {@code d}. */
    static long freeCores(DeviceSpec d, int totalCores, int usedCores) {
        if (d.type().kind() == DeviceType.Kind.AWS_NEURON) {
            return Integer.bitCount(totalCores) - Integer.bitCount(usedCores & totalCores);
        }
        return (long) totalCores - usedCores;
    }

    /** What a pick books on {@code d}: the cores, or for AWS Neuron the mask of the lowest free NeuronCores. */
    static int bookedCores(DeviceSpec d, int cores, int usedCores) {
        if (d.type().kind() != DeviceType.Kind.AWS_NEURON) {
            return cores;
        }
        int free = d.totalCores() & ~usedCores;
        int mask = 0;
        for (int bit = 0; bit < 31 && Integer.bitCount(mask) < cores; bit++) {
            if ((free & (1 << bit)) != 0) {
                mask |= 1 << bit;
            }
        }
        return mask;
    }

    /** Whether the type collects every fitting device before choosing (Vastai in die mode). */
    static boolean collectsAll(DeviceType type, NodeSnapshot node) {
        return type.kind() == DeviceType.Kind.VASTAI && dieMode(type, node);
    }

    private static boolean dieMode(DeviceType type, NodeSnapshot node) {
        for (int i = 0; i < node.deviceCount(); i++) {
            if (node.device(i).type() == type) {
                return DIE.equals(node.device(i).custom(DEVICE_STRATEGY));
            }
        }
        return false;
    }

    /**
     * Vastai dies: one is the first collected; several come from the cards holding the most collected dies first
     * (cards of equal count in the order their first die was collected; HAMi: Go's map order).
     */
    static boolean choose(NodeSnapshot node, List<Pick> picks, int count, List<Pick> out) {
        if (count == 1 || picks.size() == count) {
            out.addAll(picks.subList(0, count));
            return true;
        }
        var byCard = new LinkedHashMap<String, List<Pick>>();
        for (Pick pick : picks) {
            String card = node.device(pick.device()).custom(AIC);
            if (!card.isEmpty()) {
                byCard.computeIfAbsent(card, k -> new ArrayList<>()).add(pick);
            }
        }
        var cards = new ArrayList<>(byCard.values());
        cards.sort((a, b) -> Integer.compare(b.size(), a.size()));
        for (List<Pick> card : cards) {
            for (Pick pick : card) {
                if (out.size() < count) {
                    out.add(pick);
                }
            }
        }
        return out.size() == count;
    }

    /** Whether a type's node score depends on the devices chosen (Kunlunxin whole XPUs, Vastai). */
    static boolean scoreDependsOnAllocation(DeviceType type) {
        return type.kind() == DeviceType.Kind.VASTAI
                || type.kind() == DeviceType.Kind.KUNLUN && !type.descriptor().sharesMemory();
    }

    /** The type's addition to the node score for the chosen devices. */
    static float nodeScore(DeviceType type, NodeSnapshot node, List<List<Pick>> perContainer) {
        if (type.kind() == DeviceType.Kind.VASTAI) {
            return vastaiScore(node, perContainer);
        }
        if (type.kind() == DeviceType.Kind.KUNLUN && !type.descriptor().sharesMemory()) {
            return TopologySelect.kunlunScore(type, node, perContainer);
        }
        return 0f;
    }

    private static float vastaiScore(NodeSnapshot node, List<List<Pick>> perContainer) {
        float score = 0f;
        for (List<Pick> container : perContainer) {
            if (container.isEmpty()) {
                continue;
            }
            Map<String, Integer> perCard = new LinkedHashMap<>();
            for (Pick pick : container) {
                DeviceSpec d = node.device(pick.device());
                if (!DIE.equals(d.custom(DEVICE_STRATEGY)) || d.custom(AIC).isEmpty()) {
                    return 0f;
                }
                perCard.merge(d.custom(AIC), 1, Integer::sum);
            }
            int max = perCard.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            score += (float) max / (float) container.size();
        }
        return score;
    }

    /**
     * An Enflame DRS request resolved against the node's profiles: one partition of the profile's memory (GiB × 1024)
     * and cores ({@code ⌈slices × 100 / whole card's slices⌉}); {@code null} when no profile holds it. By slices (the
     * count resource), the profile of exactly that many slices; by memory and cores, the smallest profile with at least
     * the memory (GiB, or MiB when above twice the largest profile's GiB) and at least the cores.
     */
    static ContainerRequest resolveDrs(ContainerRequest k, NodeSnapshot node) {
        List<EnflameDrsCapacity.Profile> profiles = drsProfiles(k.type(), node);
        if (profiles.isEmpty()) {
            return null;
        }
        int maxSlices = profiles.stream().mapToInt(EnflameDrsCapacity.Profile::slices).max().orElse(0);
        EnflameDrsCapacity.Profile chosen = null;
        if (k.memoryPercent() == 0) {
            chosen = profiles.stream().filter(p -> p.slices() == k.memory()).findFirst().orElse(null);
        } else {
            int maxGiB = profiles.getLast().memoryGiB();
            long raw = k.memory();
            long gib = raw <= 0 ? 0 : raw > 2L * maxGiB ? (raw + 1023) / 1024 : raw;
            for (var p : profiles) {
                if ((gib == 0 || p.memoryGiB() >= gib) && (k.cores() == 0 || corePercent(p, maxSlices) >= k.cores())) {
                    chosen = p;
                    break;
                }
            }
        }
        if (chosen == null || chosen.memoryGiB() > Integer.MAX_VALUE / 1024) {
            return null;
        }
        return new ContainerRequest(k.type(), 1, chosen.memoryGiB() * 1024, ContainerRequest.NO_PERCENT,
                corePercent(chosen, maxSlices));
    }

    private static int corePercent(EnflameDrsCapacity.Profile p, int maxSlices) {
        return EnflameDrs.corePercent(p, maxSlices);
    }

    private static List<EnflameDrsCapacity.Profile> drsProfiles(DeviceType type, NodeSnapshot node) {
        for (int i = 0; i < node.deviceCount(); i++) {
            if (node.device(i).type() == type) {
                return EnflameDrs.parsedProfiles(node.device(i));
            }
        }
        return List.of();
    }
}
