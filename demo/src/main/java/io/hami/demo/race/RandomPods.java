package io.hami.demo.race;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Pods with random NVIDIA requests, reproducible from a seed: 1 GPU mostly, sometimes 2 or 4; memory from 256 MiB to
 * 8 GiB, 5 to 25 % of the GPU, or not given (the whole GPU, one pod in twenty); cores from 0 to 30 %, or 100
 * (exclusive) for one pod in twenty. Small enough that a few hundred fit on five 8-GPU nodes, so placements, retries
 * and deletions interleave.
 */
public final class RandomPods {

    private final Random random;

    public RandomPods(long seed) {
        this.random = new Random(seed);
    }

    /** The next pod, named {@code name}. */
    public Pod next(String name) {
        var limits = new LinkedHashMap<String, Quantity>();
        int roll = random.nextInt(20);
        int count = roll < 15 ? 1 : roll < 19 ? 2 : 4;
        limits.put("nvidia.com/gpu", new Quantity(Integer.toString(count)));
        int memory = random.nextInt(20);
        if (memory < 13) {
            limits.put("nvidia.com/gpumem", new Quantity(Integer.toString(256 * (1 + random.nextInt(32)))));
        } else if (memory < 19) {
            limits.put("nvidia.com/gpumem-percentage", new Quantity(Integer.toString(5 + random.nextInt(5) * 5)));
        }
        if (random.nextInt(20) == 0) {
            limits.put("nvidia.com/gpucores", new Quantity("100"));
        } else {
            limits.put("nvidia.com/gpucores", new Quantity(Integer.toString(random.nextInt(7) * 5)));
        }
        return pod(name, limits);
    }

    /** Whether to do something with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A uniform index below {@code bound}. */
    public int index(int bound) {
        return random.nextInt(bound);
    }

    static Pod pod(String name, Map<String, Quantity> limits) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "race").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox")
                .withCommand("sleep", "infinity").withNewResources().withLimits(limits).endResources().endContainer()
                .endSpec().build();
    }
}
