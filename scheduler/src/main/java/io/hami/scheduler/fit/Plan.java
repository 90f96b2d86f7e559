package io.hami.scheduler.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * The allocation being built for one pod on one node: per device type (ordinal) and container, the picks so far.
 * Mutable and confined to one fitting pass; {@link #freeze()} gives the immutable result.
 */
final class Plan {

    private final int containers;
    private final int initCount;
    private final List<Pick>[][] picks;

    @SuppressWarnings("unchecked")
    Plan(int typeCount, int containers, int initCount) {
        this.containers = containers;
        this.initCount = initCount;
        this.picks = new List[typeCount][];
    }

    void clear() {
        java.util.Arrays.fill(picks, null);
    }

    void add(int type, int container, List<Pick> chosen) {
        if (picks[type] == null) {
            @SuppressWarnings("unchecked")
            List<Pick>[] perContainer = new List[containers];
            picks[type] = perContainer;
        }
        picks[type][container] = List.copyOf(chosen);
    }

    /** The picks of one type and container, or an empty list. */
    List<Pick> get(int type, int container) {
        if (picks[type] == null || picks[type][container] == null) {
            return List.of();
        }
        return picks[type][container];
    }

    /** The picks of one type, per container (empty lists for containers without). */
    List<List<Pick>> perContainer(int type) {
        var result = new ArrayList<List<Pick>>(containers);
        for (int c = 0; c < containers; c++) {
            result.add(get(type, c));
        }
        return result;
    }

    int containers() {
        return containers;
    }

    boolean isInit(int container) {
        return container < initCount;
    }

    /** Per type ordinal (null for types without picks), per container, the picks. */
    List<List<List<Pick>>> freeze() {
        var result = new ArrayList<List<List<Pick>>>(picks.length);
        for (List<Pick>[] perContainer : picks) {
            if (perContainer == null) {
                result.add(null);
                continue;
            }
            var lists = new ArrayList<List<Pick>>(containers);
            for (List<Pick> p : perContainer) {
                lists.add(p == null ? List.of() : p);
            }
            result.add(List.copyOf(lists));
        }
        return java.util.Collections.unmodifiableList(result);
    }
}
