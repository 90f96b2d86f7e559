package io.hami.bindings.nvml;

/**
 * A device's MIG mode ({@code nvmlDeviceGetMigMode}): the mode in force and the one that takes effect at
 * the next GPU reset.
 *
 * @param current whether MIG is enabled now
 * @param pending whether MIG will be enabled after the next reset
 */
public record MigMode(boolean current, boolean pending) {

    /** {@code NVML_DEVICE_MIG_ENABLE}. */
    public static final int NVML_DEVICE_MIG_ENABLE = 1;

    /** The mode from the two C values. */
    public static MigMode of(int current, int pending) {
        return new MigMode(current == NVML_DEVICE_MIG_ENABLE, pending == NVML_DEVICE_MIG_ENABLE);
    }
}
