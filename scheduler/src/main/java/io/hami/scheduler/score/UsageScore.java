package io.hami.scheduler.score;

import io.hami.model.annotation.ScoringWeights;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.request.ContainerRequest;

/**
 * HAMi's utilisation scores (docs/scheduler.md, "Scores and policies"), in IEEE float32 exactly as Go computes them:
 * integer sums, one {@code float32} division per term, then the weights and the factor 10. Java {@code float}
 * arithmetic is the same IEEE single precision without fused multiply-add, so ties and orderings match HAMi on amd64.
 */
public final class UsageScore {

    /** HAMi's {@code util.Weight}. */
    public static final float WEIGHT = 10f;

    private UsageScore() {
    }

    /**
     * A device's score for one container (it orders devices, never nodes): {@code 10 × (ws·(req+used)/count +
     * wc·(cores+usedCores)/totalCores + wm·(mem+usedMem)/totalMem)}, 0 when a capacity is 0.
     *
     * <p>The request terms count once per container ({@code req} is 1, not the device count) and only for the request
     * of the device's own type. HAMi v2.10 matched the request by exact type equality, which on real nodes (devices
     * typed by model, e.g. {@code NVIDIA A100-SXM4-40GB}) never holds, so it scored existing usage only; we implement
     * the intended match (HAMi PR #2870). The memory term uses the percentage of the device when one is set (also
     * beside an absolute amount, as HAMi does), else the absolute amount.
     *
     * @param request the container's request for this device's type, or {@code null} when it has none
     */
    public static float device(DeviceSpec d, int used, int usedMem, int usedCores, ContainerRequest request,
                               ScoringWeights weights) {
        if (d.count() == 0 || d.totalCores() == 0 || d.totalMem() == 0) {
            return 0f;
        }
        int req = 0;
        int core = 0;
        int mem = 0;
        if (request != null) {
            req = 1;
            core = request.cores();
            int pct = request.memoryPercent();
            mem = pct != 0 && pct != ContainerRequest.NO_PERCENT
                    ? (int) ((long) d.totalMem() * pct / 100) : request.memory();
        }
        float slots = (float) (req + used) / (float) d.count();
        float cores = (float) (core + usedCores) / (float) d.totalCores();
        float memory = (float) (mem + usedMem) / (float) d.totalMem();
        return WEIGHT * ((float) weights.slot() * slots + (float) weights.core() * cores
                + (float) weights.memory() * memory);
    }

    /**
     * A node's default score over all its devices of every type, from usage before the pod being scheduled.
     */
    public static float node(DeviceSpec[] devices, int[] used, int[] usedMem, int[] usedCores) {
        long slots = 0;
        long count = 0;
        long cores = 0;
        long totalCores = 0;
        long mem = 0;
        long totalMem = 0;
        for (int i = 0; i < devices.length; i++) {
            slots += used[i];
            count += devices[i].count();
            cores += usedCores[i];
            totalCores += devices[i].totalCores();
            mem += usedMem[i];
            totalMem += devices[i].totalMem();
        }
        if (count == 0 || totalCores == 0 || totalMem == 0) {
            return 0f;
        }
        return WEIGHT * ((float) slots / (float) count + (float) cores / (float) totalCores
                + (float) mem / (float) totalMem);
    }
}
