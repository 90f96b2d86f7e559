package io.hami.demo.simulate;

import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.demo.race.RandomPods;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Synthetic traces, the same for the same settings: requests drawn as {@link RandomPods} draws the race's NVIDIA pods,
 * durations exponential around {@code meanDuration} (at least one second), and Poisson arrivals at the rate that keeps
 * about {@code load} of the cluster's GPU memory asked for while the trace runs.
 *
 * @param pods             how many pods
 * @param seed             the seed of every draw
 * @param load             the offered load, as a fraction of the cluster's GPU memory (above 1 overloads it)
 * @param meanDurationMillis the mean time a pod runs
 */
public record TraceGenerator(int pods, long seed, double load, long meanDurationMillis) {

    public TraceGenerator {
        if (pods < 1) {
            throw new IllegalArgumentException("--pods must be positive: " + pods);
        }
        if (!(load > 0 && load <= 10)) {
            throw new IllegalArgumentException("--load must lie in (0, 10]: " + load);
        }
        if (meanDurationMillis < 1000) {
            throw new IllegalArgumentException("--mean-duration must be at least 1s: " + meanDurationMillis + " ms");
        }
    }

    /** A trace for {@code cluster}. */
    public Trace generate(ClusterCapacity cluster) {
        var requests = new RandomPods(seed);
        var draws = new ArrayList<SortedMap<String, String>>(pods);
        double demand = 0;
        for (int i = 0; i < pods; i++) {
            var limits = new TreeMap<String, String>();
            for (Map.Entry<String, Quantity> e : requests.next("p").getSpec().getContainers().getFirst().getResources()
                    .getLimits().entrySet()) {
                limits.put(e.getKey(), e.getValue().toString());
            }
            draws.add(limits);
            demand += memoryMiB(limits, cluster.meanGpuMemoryMiB());
        }
        // load = rate × mean duration × mean demand / capacity
        double meanDemand = demand / pods;
        double rate = load * cluster.memoryMiB() / (meanDemand * meanDurationMillis);
        var random = new Random(seed ^ 0x5DEECE66DL);
        var list = new ArrayList<TracePod>(pods);
        double now = 0;
        for (int i = 0; i < pods; i++) {
            now += -Math.log(1 - random.nextDouble()) / rate;
            long duration = Math.max(1000, Math.round(-Math.log(1 - random.nextDouble()) * meanDurationMillis));
            list.add(new TracePod("pod-" + (i + 1), Math.round(now), duration, draws.get(i)));
        }
        return new Trace(list);
    }

    /** About how much GPU memory a request takes: the count times its memory, a percentage of or a whole mean GPU. */
    static double memoryMiB(Map<String, String> limits, double meanGpuMiB) {
        int count = Integer.parseInt(limits.getOrDefault("nvidia.com/gpu", "1"));
        double each = limits.containsKey("nvidia.com/gpumem") ? Double.parseDouble(limits.get("nvidia.com/gpumem"))
                : limits.containsKey("nvidia.com/gpumem-percentage")
                ? meanGpuMiB * Double.parseDouble(limits.get("nvidia.com/gpumem-percentage")) / 100 : meanGpuMiB;
        return count * each;
    }

    /**
     * What the generator needs to know of a cluster.
     *
     * @param memoryMiB        the GPU memory of all nodes
     * @param meanGpuMemoryMiB the memory of a GPU, on average
     */
    public record ClusterCapacity(long memoryMiB, double meanGpuMemoryMiB) {
    }
}
