package io.hami.demo.cluster;

import io.hami.model.annotation.KubernetesNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated GPU node: its name, the NVML profile it runs on (its GPUs get UUIDs of their own, see
 * {@link NodeProfiles}), and the device plugin's settings.
 *
 * @param name          the Node's name
 * @param profile       the profile's name in the profiles directory, e.g. {@code a100x8}
 * @param splitCount    the device plugin's {@code deviceSplitCount}
 * @param usedFraction  how much of its limit each started container uses, 0..1 (the region writer's fill)
 * @param labels        extra Node labels
 */
public record NodeSpec(String name, String profile, int splitCount, double usedFraction, Map<String, String> labels) {


    public NodeSpec {
        Objects.requireNonNull(name, "name");
        if (!KubernetesNames.isDnsLabel(name)) {
            throw new IllegalArgumentException("node name must be a DNS label: " + name);
        }
        Objects.requireNonNull(profile, "profile");
        if (splitCount < 1) {
            throw new IllegalArgumentException("split count must be at least 1: " + splitCount);
        }
        if (!(usedFraction >= 0 && usedFraction <= 1)) {
            throw new IllegalArgumentException("used fraction must be within 0..1: " + usedFraction);
        }
        labels = Map.copyOf(labels);
    }

    /** A node with split count 10 whose containers use half of their memory. */
    public static NodeSpec of(String name, String profile) {
        return new NodeSpec(name, profile, 10, 0.5, Map.of());
    }

    /** The demo's default cluster: 8 × A100-40GB, 2 × V100-32GB and 4 × A10-24GB machines, one node each. */
    public static List<NodeSpec> defaults(int nodes) {
        String[] profiles = {"a100x8", "v100-32gb-x2", "a10x4"};
        String[] names = {"gpu-a100", "gpu-v100", "gpu-a10"};
        var list = new java.util.ArrayList<NodeSpec>();
        for (int i = 0; i < nodes; i++) {
            int kind = i % profiles.length;
            list.add(of(names[kind] + "-" + (i / profiles.length + 1), profiles[kind]));
        }
        return List.copyOf(list);
    }
}
