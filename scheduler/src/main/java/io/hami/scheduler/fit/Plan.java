package io.hami.scheduler.fit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The allocation being built for one pod on one node: per device type (ordinal) and container, the picks so far.
 * Mutable, reused from node to node, and confined to one fitting pass; {@link #freeze()} gives an immutable copy.
 */
final class Plan {

    private final int containers;
    private final int initCount;
    private final ArrayList<Pick>[][] picks;
    private final boolean[] used;

    @SuppressWarnings("unchecked")
    Plan(int typeCount, int containers, int initCount) {
        this.containers = containers;
        this.initCount = initCount;
        this.picks = new ArrayList[typeCount][];
        this.used = new boolean[typeCount];
    }

    /** Forgets every pick, keeping the lists for the next node. */
    void clear() {
        for (int t = 0; t < picks.length; t++) {
            if (used[t]) {
                for (ArrayList<Pick> list : picks[t]) {
                    list.clear();
                }
                used[t] = false;
            }
        }
    }

    void add(int type, int container, List<Pick> chosen) {
        if (picks[type] == null) {
            @SuppressWarnings("unchecked")
            ArrayList<Pick>[] perContainer = new ArrayList[containers];
            for (int c = 0; c < containers; c++) {
                perContainer[c] = new ArrayList<>(2);
            }
            picks[type] = perContainer;
        }
        used[type] = true;
        picks[type][container].clear();
        picks[type][container].addAll(chosen);
    }

    /** The picks of one type and container (a live view: do not keep it past the next {@link #clear()}). */
    List<Pick> get(int type, int container) {
        if (!used[type]) {
            return List.of();
        }
        return picks[type][container];
    }

    int containers() {
        return containers;
    }

    boolean isInit(int container) {
        return container < initCount;
    }

    /** The picks of one type, per container (copies). */
    List<List<Pick>> perContainer(int type) {
        var result = new ArrayList<List<Pick>>(containers);
        for (int c = 0; c < containers; c++) {
            result.add(List.copyOf(get(type, c)));
        }
        return result;
    }

    /** Per type ordinal ({@code null} for types without picks), per container, the picks: an immutable copy. */
    List<List<List<Pick>>> freeze() {
        var result = new ArrayList<List<List<Pick>>>(picks.length);
        for (int t = 0; t < picks.length; t++) {
            result.add(used[t] ? List.copyOf(perContainer(t)) : null);
        }
        return Collections.unmodifiableList(result);
    }
}
