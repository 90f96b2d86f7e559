package io.hami.cli.doctor;

import io.hami.scheduler.fit.FitReason;
import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The filter's reasons for a node (docs/scheduler.md, "Fitting and reasons": {@code 2/4 CardInsufficientMemory, 2/4
 * CardTypeMismatch} or a node-level word) in plain words.
 */
final class FitWords {

    private static final Pattern PART = Pattern.compile("(\\d+)/(\\d+) (\\S+)");

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry(FitReason.CARD_NOT_HEALTH.wireName(), "unhealthy"),
            Map.entry(FitReason.CARD_CORDONED.wireName(), "cordoned by hami.io/device-cordon"),
            Map.entry(FitReason.CARD_TYPE_MISMATCH.wireName(), "not the type the pod asks for (type annotations, "
                    + "vgpu-mode)"),
            Map.entry(FitReason.NUMA_NOT_FIT.wireName(), "on another NUMA node than the others (numa-bind)"),
            Map.entry(FitReason.CARD_UUID_MISMATCH.wireName(), "excluded by the pod's use-/nouse-gpuuuid"),
            Map.entry(FitReason.CARD_TIME_SLICING_EXHAUSTED.wireName(), "all its slots (deviceSplitCount) taken"),
            Map.entry(FitReason.EXCLUSIVE_DEVICE_ALLOCATE_CONFLICT.wireName(), "in use, and the request is exclusive"),
            Map.entry(FitReason.RESOURCE_QUOTA_NOT_FIT.wireName(), "over the namespace's ResourceQuota"),
            Map.entry(FitReason.CARD_INSUFFICIENT_MEMORY.wireName(), "too little free memory"),
            Map.entry(FitReason.CARD_INSUFFICIENT_CORE.wireName(), "too few free cores"),
            Map.entry(FitReason.CARD_COMPUTE_UNITS_EXHAUSTED.wireName(), "all its cores taken"),
            Map.entry(FitReason.CARD_MIG_TOPOLOGY_INFEASIBLE.wireName(), "no MIG placement fits"),
            Map.entry(FitReason.CARD_NOT_FOUND_CUSTOM_FILTER_RULE.wireName(), "refused by the vendor's own rule"),
            Map.entry(FitReason.ALLOCATED_CARDS_INSUFFICIENT_REQUEST.wireName(), "fit, but too few of them for the "
                    + "count asked"),
            Map.entry(FitReason.NODE_INSUFFICIENT_DEVICE, "the node has fewer devices of the type than a container "
                    + "asks for"),
            Map.entry(FitReason.DEVICE_TYPE_NOT_FOUND, "no device type serves the request"),
            Map.entry(FitReason.NODE_UNREGISTERED, "the node registers no device: no device plugin of ours runs "
                    + "there, or it has not written its annotation"),
            Map.entry(FitReason.NODE_USAGE_UNAVAILABLE, "the node's usage is unknown to the scheduler"));

    private FitWords() {
    }

    /** {@code 2 of 4 devices too little free memory; …}; the reason itself where a word is not known. */
    static String explain(String reason) {
        var direct = WORDS.get(reason);
        if (direct != null) {
            return direct;
        }
        var out = new ArrayList<String>();
        for (var part : reason.split(", ")) {
            var m = PART.matcher(part);
            if (m.matches() && WORDS.containsKey(m.group(3))) {
                out.add(m.group(1) + " of " + m.group(2) + " devices " + WORDS.get(m.group(3)));
            } else {
                out.add(part);
            }
        }
        return String.join("; ", out);
    }
}
