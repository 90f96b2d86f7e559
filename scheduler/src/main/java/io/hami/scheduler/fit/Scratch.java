package io.hami.scheduler.fit;

import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigPlacement;
import io.hami.scheduler.snapshot.NodeSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Working memory of one fitting pass, reused from node to node so that fitting a node allocates almost nothing:
 * the working usage (a copy of the node's, updated as containers are placed, with the MIG placements taken), device scores and orders, and reason
 * counters. Confined to one thread.
 */
final class Scratch {

    int[] used = new int[16];
    int[] usedMem = new int[16];
    int[] usedCores = new int[16];
    float[] scores = new float[16];
    int[] order = new int[16];
    /** Per device in {@code mode: mig}, the placements taken so far (not kept for other devices). */
    @SuppressWarnings("unchecked")
    List<MigPlacement>[] mig = new List[16];
    final int[] reasons = new int[FitReason.values().length];
    final List<Pick> picks = new ArrayList<>();
    final List<Pick> chosen = new ArrayList<>();
    /**
     * The texts formatted in this pass by their counts and device count: a table of {@link #MEMO} slots chosen by a
     * hash of both, each keeping the last text hashed to it, made at the pass's first failure. Under the binpack policy
     * the fullest nodes are fitted first, so a cluster with many full nodes makes a pass fail on each of them, for one
     * of a few mixes of reasons that follow each other in no order: formatting the text again for each such node was
     * about half of what a {@code /filter} call allocated there (docs/performance.md).
     */
    private static final int MEMO = 16;
    private int[][] memoCounts;
    private int[] memoDevices;
    private String[] memoTexts;

    /** The reason text of the current counts; the same counts on many nodes share one string. */
    String reason(int devices) {
        if (memoTexts == null) {
            memoCounts = new int[MEMO][];
            memoDevices = new int[MEMO];
            memoTexts = new String[MEMO];
        }
        int hash = devices;
        for (int count : reasons) {
            hash = 31 * hash + count;
        }
        int slot = (hash ^ (hash >>> 16)) & (MEMO - 1);
        String text = memoTexts[slot];
        if (text == null || memoDevices[slot] != devices || !java.util.Arrays.equals(reasons, memoCounts[slot])) {
            text = Reasons.format(reasons, devices);
            memoTexts[slot] = text;
            memoDevices[slot] = devices;
            if (memoCounts[slot] == null) {
                memoCounts[slot] = new int[reasons.length];
            }
            System.arraycopy(reasons, 0, memoCounts[slot], 0, reasons.length);
        }
        return text;
    }

    /** Sizes the arrays for a node and loads its usage. */
    void load(NodeSnapshot node) {
        int n = node.deviceCount();
        if (used.length < n) {
            int size = Math.max(n, used.length * 2);
            used = new int[size];
            usedMem = new int[size];
            usedCores = new int[size];
            scores = new float[size];
            order = new int[size];
            @SuppressWarnings("unchecked")
            List<MigPlacement>[] grown = new List[size];
            mig = grown;
        }
        node.copyUsage(used, usedMem, usedCores);
        for (int i = 0; node.hasMig() && i < n; i++) {
            mig[i] = null;
            if (node.device(i).isMig()) {
                var taken = new ArrayList<MigPlacement>();
                for (MigAllocation a : node.migInUse(i)) {
                    taken.add(a.placement());
                }
                mig[i] = taken;
            }
        }
    }

    /**
     * The placements taken on MIG device {@code p}: those booked so far plus those of the picks not yet booked (the
     * container's earlier picks of the same device).
     */
    List<MigPlacement> migTaken(int p, List<Pick> pending) {
        var taken = new ArrayList<>(mig[p]);
        for (Pick pick : pending) {
            if (pick.device() == p && pick.mig() != null) {
                taken.add(pick.mig().placement());
            }
        }
        return taken;
    }

    /** Books a pick on the working usage. */
    void apply(Pick p) {
        used[p.device()] = saturated((long) used[p.device()] + 1);
        usedMem[p.device()] = saturated((long) usedMem[p.device()] + p.mem());
        usedCores[p.device()] = saturated((long) usedCores[p.device()] + p.cores());
        if (p.mig() != null) {
            mig[p.device()].add(p.mig().placement());
        }
    }

    private static int saturated(long v) {
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }
}
