package io.hami.model.annotation;

import java.util.Objects;
import java.util.Optional;

/**
 * Which device modes a pod admits ({@code nvidia.com/vgpu-mode}): a device matches when the annotation
 * value contains the device's mode ({@code hami-core}, {@code mig}, {@code mps}) as a substring.
 *
 * <p>The rule is HAMi's, edge cases included: no trimming or list splitting ({@code "mig,mps"} admits both
 * because it contains both); an empty value admits only devices whose mode is empty; a device without a
 * mode ({@code ""}) matches every value. Only an absent annotation sets no constraint.
 *
 * @param allowed the annotation value, or empty when the annotation is absent
 */
public record VgpuModeFilter(Optional<String> allowed) {

    /** The filter of a pod without the annotation: every mode is admitted. */
    public static final VgpuModeFilter NONE = new VgpuModeFilter(Optional.empty());

    /** Checks for {@code null}. */
    public VgpuModeFilter {
        Objects.requireNonNull(allowed, "allowed");
    }

    /** The filter an annotation value sets; {@code null} means the annotation is absent. */
    public static VgpuModeFilter fromAnnotation(String valueOrNull) {
        return new VgpuModeFilter(Optional.ofNullable(valueOrNull));
    }

    /** True when a device in {@code deviceMode} may be used. */
    public boolean admits(String deviceMode) {
        return allowed.map(a -> a.contains(deviceMode)).orElse(true);
    }
}
