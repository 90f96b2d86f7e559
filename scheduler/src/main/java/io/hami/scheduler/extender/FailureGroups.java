package io.hami.scheduler.extender;

import io.hami.scheduler.fit.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Failed nodes grouped by reason word (HAMi's {@code FilteringFailed} events): reason to node names, both sorted. */
final class FailureGroups {

    private FailureGroups() {
    }

    static Map<String, List<String>> of(Map<String, String> failedNodes) {
        var groups = new TreeMap<String, List<String>>();
        failedNodes.forEach((node, reason) -> {
            List<String> words = Reasons.words(reason);
            for (String w : words.isEmpty() ? List.of(reason) : words) {
                groups.computeIfAbsent(w, k -> new ArrayList<>()).add(node);
            }
        });
        groups.values().forEach(l -> l.sort(null));
        return groups;
    }
}
