package io.hami.scheduler.score;

/**
 * Chooses devices among candidates by how well they are linked (HAMi's topology-aware selection;
 * docs/scheduler.md, "Fitting and reasons"): one device is taken from where it breaks the fewest good links, several
 * are taken as the best-linked set.
 *
 * <p>Candidates are given in collection order; ties go to the first in that order (the first combination in
 * lexicographic order of positions). Enumerating all combinations is exact up to {@value #MAX_COMBINATIONS}
 * combinations (16 GPUs choose 8 is 12870); beyond that the set is grown greedily from the best pair, which HAMi never
 * needs to do on real nodes and which keeps a 64-GPU node from stalling the filter.
 */
public final class TopologyChoice {

    /** How a link between two candidates (by position in the candidate list) scores; higher is better. */
    @FunctionalInterface
    public interface Links {
        int score(int from, int to);
    }

    /** Combinations enumerated exactly before the greedy fallback. */
    public static final long MAX_COMBINATIONS = 200_000;

    private TopologyChoice() {
    }

    /** For a single device: the position whose summed links to the other candidates are smallest. */
    public static int single(int candidates, Links links) {
        int best = 0;
        long bestSum = Long.MAX_VALUE;
        for (int i = 0; i < candidates; i++) {
            long sum = 0;
            for (int j = 0; j < candidates; j++) {
                if (i != j) {
                    sum += links.score(i, j);
                }
            }
            if (sum < bestSum) {
                bestSum = sum;
                best = i;
            }
        }
        return best;
    }

    /** For {@code k} devices: the positions (ascending) of the set with the highest sum of pair links. */
    public static int[] set(int candidates, int k, Links links) {
        if (k >= candidates) {
            int[] all = new int[candidates];
            for (int i = 0; i < candidates; i++) {
                all[i] = i;
            }
            return all;
        }
        if (combinations(candidates, k) > MAX_COMBINATIONS) {
            return greedy(candidates, k, links);
        }
        int[] current = new int[k];
        for (int i = 0; i < k; i++) {
            current[i] = i;
        }
        int[] best = current.clone();
        long bestSum = Long.MIN_VALUE;
        while (true) {
            long sum = 0;
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    sum += links.score(current[a], current[b]);
                }
            }
            if (sum > bestSum) {
                bestSum = sum;
                System.arraycopy(current, 0, best, 0, k);
            }
            int i = k - 1;
            while (i >= 0 && current[i] == candidates - k + i) {
                i--;
            }
            if (i < 0) {
                return best;
            }
            current[i]++;
            for (int j = i + 1; j < k; j++) {
                current[j] = current[j - 1] + 1;
            }
        }
    }

    static long combinations(int n, int k) {
        long c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
            if (c > MAX_COMBINATIONS) {
                return c;
            }
        }
        return c;
    }

    private static int[] greedy(int candidates, int k, Links links) {
        boolean[] taken = new boolean[candidates];
        int[] chosen = new int[k];
        int size = 0;
        while (size < k) {
            int best = -1;
            long bestGain = Long.MIN_VALUE;
            for (int c = 0; c < candidates; c++) {
                if (taken[c]) {
                    continue;
                }
                long gain = size == 0 ? Long.MIN_VALUE + 1 : 0;
                for (int s = 0; s < size; s++) {
                    gain += links.score(chosen[s], c);
                }
                for (int o = 0; size == 0 && o < candidates; o++) {
                    if (o != c) {
                        gain = Math.max(gain, links.score(c, o));
                    }
                }
                if (gain > bestGain) {
                    bestGain = gain;
                    best = c;
                }
            }
            taken[best] = true;
            chosen[size++] = best;
        }
        java.util.Arrays.sort(chosen);
        return chosen;
    }
}
