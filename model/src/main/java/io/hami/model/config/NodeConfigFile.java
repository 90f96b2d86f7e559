package io.hami.model.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * HAMi's per-node configuration file ({@link NodeConfigCodec}): its entries in file order, and the keys it holds that
 * hami-java does not read.
 *
 * @param entries     the {@code nodeconfig} entries
 * @param ignoredKeys paths of keys not read, e.g. {@code nodeconfig[0].gdsenabled}
 */
public record NodeConfigFile(List<Entry> entries, List<String> ignoredKeys) {

    public NodeConfigFile {
        entries = List.copyOf(entries);
        ignoredKeys = List.copyOf(ignoredKeys);
    }

    /**
     * One entry; an absent key is an empty value, except where HAMi reads the absence as a value.
     *
     * @param name                the node it is for
     * @param mode                {@code operatingmode}; empty when absent
     * @param migStrategy         {@code migstrategy}; empty when absent
     * @param splitCount          {@code devicesplitcount}
     * @param memoryScaling       {@code devicememoryscaling}
     * @param coreScaling         {@code devicecorescaling}
     * @param preconfiguredMiB    {@code preconfigureddevicememory}
     * @param numaTopology        {@code enablenumatopology}
     * @param libCudaLogLevel     {@code libcudaloglevel}, a string in HAMi's type
     * @param excludedUuids       {@code filterdevices.uuid}
     * @param excludedIndexes     {@code filterdevices.index}
     * @param preferredAllocation {@code enablegetpreferredallocation}; false when absent, as Go's zero value
     */
    public record Entry(String name, String mode, String migStrategy, OptionalInt splitCount,
                        Optional<Double> memoryScaling, Optional<Double> coreScaling, Optional<Long> preconfiguredMiB,
                        Optional<Boolean> numaTopology, Optional<String> libCudaLogLevel, List<String> excludedUuids,
                        List<Integer> excludedIndexes, boolean preferredAllocation) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(migStrategy, "migStrategy");
            excludedUuids = List.copyOf(excludedUuids);
            excludedIndexes = List.copyOf(excludedIndexes);
        }
    }

    /**
     * What the entries for one node set, merged as HAMi merges them: each entry named for the node, in file order,
     * sets the values it carries over those before it; the excluded devices of the last entry that names any; the
     * preferred-allocation switch of the last entry (an entry without it turns it off, as in HAMi).
     *
     * @param matched             whether any entry names the node; when false nothing else applies
     * @param mode                the sharing mode, when an entry names one
     * @param migStrategy         the MIG strategy, when an entry names one
     * @param splitCount          containers per GPU
     * @param memoryScaling       factor on registered memory
     * @param coreScaling         factor on registered cores
     * @param preconfiguredMiB    memory for GPUs whose memory NVML cannot tell
     * @param numaTopology        whether kubelet is told each GPU's NUMA node
     * @param libCudaLogLevel     HAMi-core's log level
     * @param excludedUuids       GPUs left out, by UUID
     * @param excludedIndexes     GPUs left out, by index
     * @param preferredAllocation whether kubelet may ask for a preferred allocation; empty when no entry matched
     */
    public record NodeOverrides(boolean matched, Optional<String> mode, Optional<String> migStrategy,
                                OptionalInt splitCount, Optional<Double> memoryScaling, Optional<Double> coreScaling,
                                Optional<Long> preconfiguredMiB, Optional<Boolean> numaTopology,
                                Optional<String> libCudaLogLevel, List<String> excludedUuids,
                                List<Integer> excludedIndexes, Optional<Boolean> preferredAllocation) {

        /** Nothing set: the node has no entry. */
        public static final NodeOverrides NONE = new NodeOverrides(false, Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), Optional.empty());

        public NodeOverrides {
            excludedUuids = List.copyOf(excludedUuids);
            excludedIndexes = List.copyOf(excludedIndexes);
        }

        /** The libCudaLogLevel as HAMi-core's number, 0 to 4. */
        public OptionalInt libCudaLogLevelNumber() {
            if (libCudaLogLevel.isEmpty()) {
                return OptionalInt.empty();
            }
            String level = libCudaLogLevel.get().strip();
            if (!level.matches("[0-4]")) {
                throw new IllegalArgumentException("libcudaloglevel must be one of 0, 1, 2, 3, 4: " + level);
            }
            return OptionalInt.of(Integer.parseInt(level));
        }
    }

    /** The merged entries for {@code node}. */
    public NodeOverrides forNode(String node) {
        Objects.requireNonNull(node, "node");
        NodeOverrides merged = NodeOverrides.NONE;
        for (Entry e : entries) {
            if (!e.name().equals(node)) {
                continue;
            }
            boolean filters = !e.excludedUuids().isEmpty() || !e.excludedIndexes().isEmpty();
            merged = new NodeOverrides(true,
                    e.mode().isEmpty() ? merged.mode() : Optional.of(e.mode()),
                    e.migStrategy().isEmpty() ? merged.migStrategy() : Optional.of(e.migStrategy()),
                    e.splitCount().isPresent() ? e.splitCount() : merged.splitCount(),
                    e.memoryScaling().or(merged::memoryScaling),
                    e.coreScaling().or(merged::coreScaling),
                    e.preconfiguredMiB().or(merged::preconfiguredMiB),
                    e.numaTopology().or(merged::numaTopology),
                    e.libCudaLogLevel().or(merged::libCudaLogLevel),
                    filters ? e.excludedUuids() : merged.excludedUuids(),
                    filters ? e.excludedIndexes() : merged.excludedIndexes(),
                    Optional.of(e.preferredAllocation()));
        }
        return merged;
    }

    /** Entries named for no node at all (a template left in place), for a warning. */
    public List<Integer> unnamedEntries() {
        var unnamed = new ArrayList<Integer>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().isEmpty()) {
                unnamed.add(i);
            }
        }
        return unnamed;
    }
}
