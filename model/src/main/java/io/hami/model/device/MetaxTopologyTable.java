package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The value of one of MetaX's whole-GPU topology annotations on a node ({@code metax-tech.com/gpu.topology.losses},
 * {@code metax-tech.com/gpu.topology.scores}), written by MetaX's GPU device plugin: per number of GPUs a pod asks for,
 * how much of the node's MetaLink topology placing them costs (losses) or how well they would be linked (scores), e.g.
 * {@code {"1":0,"2":110,"4":540}}. Its canonical JSON is the same object.
 *
 * <p>Keys and values are Go {@code int}s (64-bit); HAMi checks neither their sign nor that the counts are sensible,
 * and neither does this record.
 *
 * @param byCount the value per number of GPUs requested, sorted by that number
 */
public record MetaxTopologyTable(Map<Long, Long> byCount) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MetaxTopologyTable {
        Objects.requireNonNull(byCount, "byCount");
        var sorted = new TreeMap<Long, Long>();
        byCount.forEach((count, value) -> sorted.put(Objects.requireNonNull(count, "byCount key"),
                Objects.requireNonNull(value, "byCount value")));
        byCount = java.util.Collections.unmodifiableSortedMap(sorted);
    }

    @Override
    @JsonValue
    public Map<Long, Long> byCount() {
        return byCount;
    }

    /** The value for a pod asking for {@code devices} GPUs; empty when the table has none for that number. */
    public OptionalLong valueFor(long devices) {
        Long value = byCount.get(devices);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
