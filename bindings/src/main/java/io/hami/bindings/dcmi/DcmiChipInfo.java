package io.hami.bindings.dcmi;

/**
 * {@code dcmi_chip_info}: what a chip is. HAMi matches {@link #name()} against its {@code vnpus} configuration.
 *
 * @param type    e.g. {@code Ascend}
 * @param name    e.g. {@code 910B3}, {@code 310P3}
 * @param version the chip's revision
 * @param aiCores AI cores
 */
public record DcmiChipInfo(String type, String name, String version, int aiCores) {

    /** {@code type + name}, e.g. {@code Ascend910B3}: the model as HAMi's device types spell it. */
    public String model() {
        return type + name;
    }
}
