package io.hami.model.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/**
 * NVIDIA {@code gpuCorePolicy}: how HAMi-core enforces the SM limit. The webhook passes {@code force} and
 * {@code disable} to containers as {@code GPU_CORE_UTILIZATION_POLICY}; {@code default} injects nothing.
 */
public enum GpuCorePolicy {
    /** Limit SMs only while other tasks share the GPU (HAMi-core's default). */
    DEFAULT("default"),
    /** Always limit SMs to the requested share. */
    FORCE("force"),
    /** Never limit SMs. */
    DISABLE("disable");

    private final String wireName;

    GpuCorePolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The YAML spelling, e.g. {@code force}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * The policy for a YAML value. An empty string means {@link #DEFAULT}, as HAMi treats it; the match is
     * case-sensitive, as in HAMi.
     */
    public static Optional<GpuCorePolicy> fromWire(String text) {
        if (text.isEmpty()) {
            return Optional.of(DEFAULT);
        }
        for (GpuCorePolicy policy : values()) {
            if (policy.wireName.equals(text)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
