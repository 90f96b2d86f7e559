package io.hami.scheduler.extender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The candidate node names of a filter call, each once, in the order of their first appearance. kube-scheduler sends
 * each node once, so the common case returns the list as it came (read-only); repeats are found with one open-addressed
 * table of references, without the entry per name that a {@code LinkedHashSet} allocates. An instance keeps its table
 * from call to call (cleared after each): at 5,000 candidates a fresh table was 64 KB, the largest allocation of a
 * {@code /filter} call (docs/performance.md). An instance serves one call at a time; {@link #distinct(List)} without one
 * makes a table for the call.
 */
final class CandidateNames {

    /**
     * The largest table kept between calls (256 KB of references, up to 32,768 candidates): a longer list, which only a
     * body far beyond any cluster's size sends, gets a table of its own that is not kept.
     */
    private static final int KEPT_SLOTS = 1 << 16;

    private String[] table = new String[0];

    /** {@code names} without repeats (the first of each kept), read-only, with a table of its own. */
    static List<String> distinct(List<String> names) {
        return new CandidateNames().distinctNames(names);
    }

    /**
     * {@code names} without repeats (the first of each kept), read-only, through this instance's table; not for two
     * calls at once.
     */
    List<String> distinctNames(List<String> names) {
        int n = names.size();
        if (n < 2) {
            return List.copyOf(names);
        }
        if (names instanceof NameList read && read.distinct()) {
            return Collections.unmodifiableList(names); // its reader told the repeats by the names' slots: there are none
        }
        int size = Integer.highestOneBit(n * 2 - 1) << 1;
        String[] table = this.table.length >= size ? this.table : new String[size];
        if (table != this.table && size <= KEPT_SLOTS) {
            this.table = table;
        }
        // The table in use is its first size slots (the rest stays empty): the mask is theirs.
        int mask = size - 1;
        List<String> kept = null;
        try {
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
        } finally {
            Arrays.fill(table, 0, size, null);
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
