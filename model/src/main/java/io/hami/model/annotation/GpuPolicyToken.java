package io.hami.model.annotation;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** One word of a GPU scheduler policy ({@code hami.io/gpu-scheduler-policy}); see {@link GpuSchedulerPolicy}. */
public enum GpuPolicyToken {

    /** Order devices busiest first, to pack pods onto few GPUs. */
    @JsonProperty("binpack")
    BINPACK("binpack"),

    /** Order devices idlest first, to spread pods over GPUs. */
    @JsonProperty("spread")
    SPREAD("spread"),

    /** Choose multi-GPU sets by the node's pair scores (a filter; ordering as spread). */
    @JsonProperty("topology-aware")
    TOPOLOGY_AWARE("topology-aware"),

    /** Only idle GPUs: no sharing with other pods. */
    @JsonProperty("mutex")
    MUTEX("mutex"),

    /** Order devices by NUMA node. */
    @JsonProperty("numa")
    NUMA("numa");

    /** The values accepted on the wire, comma-separated, for error messages. */
    public static final String ALLOWED = Arrays.stream(values()).map(GpuPolicyToken::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;

    GpuPolicyToken(String wireName) {
        this.wireName = wireName;
    }

    /** The word as written in the annotation, e.g. {@code topology-aware}. */
    public String wireName() {
        return wireName;
    }

    /** True for the words that are ordering keys in a chain ({@code binpack}, {@code spread}, {@code numa}). */
    public boolean isOrderingKey() {
        return this == BINPACK || this == SPREAD || this == NUMA;
    }

    /** The token written exactly as {@code text} (case-sensitive, untrimmed), if any. */
    public static Optional<GpuPolicyToken> fromWireName(String text) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(text)).findFirst();
    }
}
