package io.hami.deviceplugin.nvidia;

import java.util.Locale;

/**
 * NVIDIA's static MIG strategies ({@code --mig-strategy}, chart {@code devicePlugin.migStrategy}; docs/vendors.md,
 * "NVIDIA — MIG strategies"). Under every strategy a GPU in MIG mode is left out of HAMi-core sharing.
 */
public enum MigStrategy {
    /** MIG devices are not offered. */
    NONE,
    /** Every GPU in MIG mode, all MIG devices of one profile: {@code nvidia.com/gpu} counts MIG devices. */
    SINGLE,
    /** One resource per profile, {@code nvidia.com/mig-<profile>}; GPUs without MIG stay HAMi-core's. */
    MIXED;

    /** The flag's word. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The strategy a flag or chart value names.
     *
     * @throws IllegalArgumentException naming the value for anything but none, single or mixed
     */
    public static MigStrategy parse(String value) {
        for (var s : values()) {
            if (s.flag().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("--mig-strategy: \"" + value + "\" is not none, single or mixed");
    }
}
