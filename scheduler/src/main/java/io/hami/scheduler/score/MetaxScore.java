package io.hami.scheduler.score;

import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.scheduler.inventory.MetaxTopology;

/**
 * MetaX's additions to a node's score (docs/scheduler.md, "Scores and policies"), as plain arithmetic over what the
 * fitter chose. HAMi source: {@code ScoreNode} in {@code pkg/device/metax/device.go} and {@code sdevice.go},
 * {@code score.go}, and the weighting in {@code OverrideScore}, {@code pkg/scheduler/policy/node_policy.go}.
 */
public final class MetaxScore {

    /** What two cards of one MetaLink zone add to a set's link score. */
    public static final int DIRECT_LINK = 10;
    /** HAMi's base for the whole-GPU topology term: {@code 2000 − loss} or {@code 2000 − score}. */
    static final float WHOLE_GPU_BASE = 2000f;
    /** The weight of the sGPU terms, so that they outrank the usage score; negated under {@code spread}. */
    static final float SGPU_WEIGHT = 10000f;

    private MetaxScore() {
    }

    /**
     * The whole-GPU term for a pod asking for {@code devices} MetaX GPUs in all: under {@code binpack},
     * {@code 2000 − loss} when the node has a losses table; under {@code spread}, {@code 2000 − score} when it has a
     * scores table (the node policy then prefers the lower value, so the better linked node); 0 without the table.
     * A table without an entry for that number reads as 0, as in HAMi, so the term is 2000.
     */
    public static float wholeGpu(NodeSchedulerPolicy policy, MetaxTopology topology, long devices) {
        var table = policy == NodeSchedulerPolicy.BINPACK ? topology.losses() : topology.scores();
        if (table.isEmpty()) {
            return 0f;
        }
        return WHOLE_GPU_BASE - (float) table.get().valueFor(devices).orElse(0);
    }

    /** An sGPU score (higher is better) weighted for the node policy: ×10000 under {@code binpack}, ×−10000 under {@code spread}. */
    public static float weighted(NodeSchedulerPolicy policy, int score) {
        return (policy == NodeSchedulerPolicy.SPREAD ? -SGPU_WEIGHT : SGPU_WEIGHT) * (float) score;
    }

    /** The link score of a set of cards: {@link #DIRECT_LINK} per pair in the same MetaLink zone; zone 0 links none. */
    public static int links(int[] zones) {
        int score = 0;
        for (int i = 0; i < zones.length; i++) {
            for (int j = i + 1; j < zones.length; j++) {
                if (zones[i] != 0 && zones[i] == zones[j]) {
                    score += DIRECT_LINK;
                }
            }
        }
        return score;
    }

    /**
     * How well a set of exclusive sGPUs uses the node's MetaLink: ten times the links inside the chosen cards, less the
     * links it breaks between the idle cards (those among the idle ones before, less those inside the chosen and inside
     * the idle cards left).
     *
     * @param chosen the zones of the cards given whole (cores 100)
     * @param idle   the zones of the node's cards no pod used before this one
     * @param rest   the zones of the idle cards that were not chosen
     */
    public static int exclusive(int[] chosen, int[] idle, int[] rest) {
        int inside = links(chosen);
        int lost = links(idle) - inside - links(rest);
        return 10 * inside - lost;
    }

    /**
     * What an {@code online} pod's card costs: a card held only by {@code offline} pods −100 each (they would be
     * suspended), else −20 per {@code online} and −2 per {@code offline} pod; an idle card 0.
     */
    public static int online(int onlinePods, int offlinePods) {
        if (offlinePods > 0 && onlinePods == 0) {
            return -100 * offlinePods;
        }
        return -20 * onlinePods - 2 * offlinePods;
    }
}
