package io.hami.model.vendor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Kubernetes extended-resource names through which a container asks for one device type.
 *
 * @param count            number of devices, e.g. {@code nvidia.com/gpu}
 * @param memory           memory per device in the vendor's {@link MemoryUnit}, if the type can be shared by memory
 * @param memoryPercentage percent of each device's memory (NVIDIA only)
 * @param cores            compute share per device, in the vendor's core unit
 * @param priority         task priority (NVIDIA only)
 */
public record ResourceNames(
        String count,
        Optional<String> memory,
        Optional<String> memoryPercentage,
        Optional<String> cores,
        Optional<String> priority) {

    public ResourceNames {
        requireResourceName(count, "count");
        Objects.requireNonNull(memory, "memory").ifPresent(n -> requireResourceName(n, "memory"));
        Objects.requireNonNull(memoryPercentage, "memoryPercentage").ifPresent(n -> requireResourceName(n, "memoryPercentage"));
        Objects.requireNonNull(cores, "cores").ifPresent(n -> requireResourceName(n, "cores"));
        Objects.requireNonNull(priority, "priority").ifPresent(n -> requireResourceName(n, "priority"));
    }

    /** Names for a type shared by count, memory and cores. */
    public static ResourceNames of(String count, String memory, String cores) {
        return new ResourceNames(count, Optional.of(memory), Optional.empty(), Optional.of(cores), Optional.empty());
    }

    /** Names for a type handed out as whole devices only. */
    public static ResourceNames countOnly(String count) {
        return new ResourceNames(count, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether {@code resource} is one of these names: a container naming it asks for the type. */
    public boolean names(String resource) {
        return all().contains(resource);
    }

    /** Every name set: the count's first, then memory, memory percentage, cores and priority. */
    public List<String> all() {
        var all = new ArrayList<String>();
        all.add(count);
        Stream.of(memory, memoryPercentage, cores, priority).forEach(n -> n.ifPresent(all::add));
        return List.copyOf(all);
    }

    private static void requireResourceName(String name, String field) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("resource name " + field + " must not be blank");
        }
        if (!name.matches("[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("resource name " + field + " is not a domain-prefixed extended resource: " + name);
        }
    }
}
