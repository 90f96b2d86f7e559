package io.hami.model.config;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * The {@code vnpus:} section: Huawei Ascend chip families. HAMi v2.10 writes it as a mapping
 * {@code {hamiVnpuCore, configs: [...]}}; older charts wrote the bare list, which the codec also reads (as
 * {@code hamiVnpuCore: false}) and always writes back as the mapping.
 *
 * @param hamiVnpuCore default for nodes without a capability annotation: share cards through HAMi-core (soft
 *                     split) instead of templates
 * @param configs      one entry per chip family
 */
public record VnpuSection(boolean hamiVnpuCore, List<VnpuConfig> configs) {

    public VnpuSection {
        configs = List.copyOf(configs);
    }

    /** Whether the section configures nothing. */
    @JsonIgnore
    public boolean isEmpty() {
        return !hamiVnpuCore && configs.isEmpty();
    }

    /** The chart's seven chip families (docs/scheduler.md, "The device config file"), hard split by default. */
    public static VnpuSection defaults() {
        return new VnpuSection(false, List.of(
                chip("910A", "Ascend910A", 32768, 32768, 30, 0, false,
                        t("vir02", 2184, 2, 0), t("vir04", 4369, 4, 0), t("vir08", 8738, 8, 0), t("vir16", 17476, 16, 0)),
                chip("910B2", "Ascend910B2", 65536, 65536, 24, 6, false,
                        t("vir03_1c_8g", 8192, 3, 1), t("vir06_1c_16g", 16384, 6, 1), t("vir12_3c_32g", 32768, 12, 3)),
                chip("910B3", "Ascend910B3", 65536, 65536, 20, 7, false,
                        t("vir05_1c_16g", 16384, 5, 1), t("vir10_3c_32g", 32768, 10, 3)),
                chip("910B4-1", "Ascend910B4-1", 65536, 65536, 20, 7, false,
                        t("vir05_1c_16g", 16384, 5, 1), t("vir10_3c_32g", 32768, 10, 3)),
                chip("910B4", "Ascend910B4", 32768, 32768, 20, 7, false,
                        t("vir05_1c_8g", 8192, 5, 1), t("vir10_3c_16g", 16384, 10, 3)),
                chip("310P3", "Ascend310P", 21527, 24576, 8, 7, false,
                        t("vir01", 3072, 1, 1), t("vir02", 6144, 2, 2), t("vir04", 12288, 4, 4)),
                chip("Ascend910", "Ascend910C", 65536, 65536, 20, 7, true,
                        t("vir05_1c_16g", 16384, 5, 1), t("vir10_3c_32g", 32768, 10, 3))));
    }

    private static VnpuConfig chip(String chipName, String commonWord, long allocatable, long capacity, int aiCore,
                                   int aiCpu, boolean superPod, VnpuConfig.Template... templates) {
        String resource = "huawei.com/" + commonWord;
        return new VnpuConfig(chipName, commonWord, resource, resource + "-memory", resource + "-core",
                allocatable, capacity, 1, aiCore, aiCpu, "", false, superPod, List.of(templates));
    }

    private static VnpuConfig.Template t(String name, long memory, int aiCore, int aiCpu) {
        return new VnpuConfig.Template(name, memory, aiCore, aiCpu);
    }
}
