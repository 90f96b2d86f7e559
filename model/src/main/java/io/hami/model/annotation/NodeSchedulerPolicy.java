package io.hami.model.annotation;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the scheduler orders candidate nodes ({@code hami.io/node-scheduler-policy}, flag
 * {@code --node-scheduler-policy}, default {@link #BINPACK}).
 */
public enum NodeSchedulerPolicy {

    /** Prefer the busiest node that fits: the highest node score wins. */
    @JsonProperty("binpack")
    BINPACK("binpack"),

    /** Prefer the idlest node: the lowest node score wins. */
    @JsonProperty("spread")
    SPREAD("spread");

    /** The values accepted on the wire, comma-separated, for error messages. */
    public static final String ALLOWED = Arrays.stream(values()).map(NodeSchedulerPolicy::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;

    NodeSchedulerPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The annotation value, e.g. {@code binpack}. */
    public String wireName() {
        return wireName;
    }

    /** The policy written exactly as {@code text} (no trimming, case-sensitive), if any. */
    public static Optional<NodeSchedulerPolicy> fromWireName(String text) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(text)).findFirst();
    }
}
