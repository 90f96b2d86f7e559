package io.hami.scheduler.extender;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The candidate node names of a filter call, each once, in the order of their first appearance. kube-scheduler sends
 * each node once, so the common case returns the list as it came (read-only); repeats are found with one open-addressed
 * table of references, without the entry per name that a {@code LinkedHashSet} allocates: on a 5,000-node cluster
 * that set was the largest allocation of a {@code /filter} call after the names themselves.
 */
final class CandidateNames {

    private CandidateNames() {
    }

    /** {@code names} without repeats (the first of each kept), read-only. */
    static List<String> distinct(List<String> names) {
        int n = names.size();
        if (n < 2) {
            return List.copyOf(names);
        }
        String[] table = new String[Integer.highestOneBit(n * 2 - 1) << 1];
        int mask = table.length - 1;
        List<String> kept = null;
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            if (add(table, mask, name)) {
                if (kept != null) {
                    kept.add(name);
                }
            } else if (kept == null) {
                kept = new ArrayList<>(names.subList(0, i));
            }
        }
        return Collections.unmodifiableList(kept == null ? names : kept);
    }

    /** Adds {@code name} to the table; false when an equal name is there already. */
    private static boolean add(String[] table, int mask, String name) {
        int h = name.hashCode();
        for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
            String there = table[i];
            if (there == null) {
                table[i] = name;
                return true;
            }
            if (there.equals(name)) {
                return false;
            }
        }
    }
}
