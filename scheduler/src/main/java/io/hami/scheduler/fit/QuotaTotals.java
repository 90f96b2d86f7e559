package io.hami.scheduler.fit;

import io.hami.scheduler.quota.QuotaGuard;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod's hypothetical total of one type for the quota check (check 8 of docs/scheduler.md, "Fitting and reasons"):
 * the containers placed so far, the current container's picks and the candidate device, collapsed as usage accounting
 * collapses them (init containers: the largest per device; app containers: the sum; per device the larger of the two).
 */
final class QuotaTotals {

    private QuotaTotals() {
    }

    static boolean fits(QuotaGuard guard, Plan plan, int type, int container, List<Pick> picks, int device, int mem,
                        int cores) {
        Map<Integer, long[]> perDevice = new HashMap<>();
        for (int c = 0; c < plan.containers(); c++) {
            if (c != container) {
                for (Pick p : plan.get(type, c)) {
                    add(perDevice, p.device(), p.mem(), p.cores(), plan.isInit(c));
                }
            }
        }
        boolean init = plan.isInit(container);
        for (Pick p : picks) {
            add(perDevice, p.device(), p.mem(), p.cores(), init);
        }
        add(perDevice, device, mem, cores, init);
        long totalMem = 0;
        long totalCores = 0;
        for (long[] v : perDevice.values()) {
            totalMem += Math.max(v[0], v[2]);
            totalCores += Math.max(v[1], v[3]);
        }
        return guard.fits(totalMem, totalCores);
    }

    /** v: init max mem, init max cores, app mem sum, app cores sum. */
    private static void add(Map<Integer, long[]> perDevice, int device, long mem, long cores, boolean init) {
        long[] v = perDevice.computeIfAbsent(device, k -> new long[4]);
        if (init) {
            v[0] = Math.max(v[0], mem);
            v[1] = Math.max(v[1], cores);
        } else {
            v[2] += mem;
            v[3] += cores;
        }
    }
}
