package io.hami.model.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * HAMi's {@code device-config.yaml}: the key of that name in the {@code <release>-scheduler-device} ConfigMap,
 * read by the scheduler ({@code --device-config-file}) and by the device plugins. One section per vendor;
 * an absent section leaves that vendor without resource names, so it never matches a container.
 *
 * <p>The sections of the vendors hami-java serves are modelled in full and checked; those of Enflame,
 * Kunlunxin, AWS Neuron, AMD, Vastai and Biren are kept as {@link RawSection raw YAML} so that a HAMi file
 * loads and writes back, without being understood. Read and write it with {@link DeviceConfigCodec} or
 * {@link DeviceConfigLoader}; they check it with {@link DeviceConfigValidator}.
 *
 * @param nvidia    the {@code nvidia:} section
 * @param cambricon the {@code cambricon:} section
 * @param hygon     the {@code hygon:} section
 * @param metax     the {@code metax:} section
 * @param mthreads  the {@code mthreads:} section
 * @param iluvatars the {@code iluvatars:} list, one device type per chip; empty when absent
 * @param enflame   the {@code enflame:} section, raw
 * @param kunlun    the {@code kunlun:} section, raw
 * @param awsneuron the {@code awsneuron:} section, raw
 * @param amd       the {@code amd:} section, raw
 * @param vastai    the {@code vastai:} section, raw
 * @param biren     the {@code biren:} section, raw
 * @param vnpus     the {@code vnpus:} section (Huawei Ascend)
 */
public record DeviceConfig(
        Optional<NvidiaConfig> nvidia,
        Optional<CambriconConfig> cambricon,
        Optional<HygonConfig> hygon,
        Optional<MetaxConfig> metax,
        Optional<MthreadsConfig> mthreads,
        List<IluvatarConfig> iluvatars,
        Optional<RawSection> enflame,
        Optional<RawSection> kunlun,
        Optional<RawSection> awsneuron,
        Optional<RawSection> amd,
        Optional<RawSection> vastai,
        Optional<RawSection> biren,
        Optional<VnpuSection> vnpus) {

    /** The top-level keys, in the order HAMi's chart writes them. */
    public static final List<String> SECTIONS = List.of("nvidia", "cambricon", "hygon", "metax", "mthreads",
            "iluvatars", "enflame", "kunlun", "awsneuron", "amd", "vastai", "biren", "vnpus");

    public DeviceConfig {
        Objects.requireNonNull(nvidia, "nvidia");
        Objects.requireNonNull(cambricon, "cambricon");
        Objects.requireNonNull(hygon, "hygon");
        Objects.requireNonNull(metax, "metax");
        Objects.requireNonNull(mthreads, "mthreads");
        iluvatars = List.copyOf(iluvatars);
        Objects.requireNonNull(enflame, "enflame");
        Objects.requireNonNull(kunlun, "kunlun");
        Objects.requireNonNull(awsneuron, "awsneuron");
        Objects.requireNonNull(amd, "amd");
        Objects.requireNonNull(vastai, "vastai");
        Objects.requireNonNull(biren, "biren");
        Objects.requireNonNull(vnpus, "vnpus");
    }

    /** Whether every section is absent or empty; HAMi refuses to start then ("all configurations are empty"). */
    @JsonIgnore
    public boolean isEmpty() {
        return nvidia.isEmpty() && cambricon.isEmpty() && hygon.isEmpty() && metax.isEmpty() && mthreads.isEmpty()
                && iluvatars.isEmpty() && enflame.isEmpty() && kunlun.isEmpty() && awsneuron.isEmpty()
                && amd.isEmpty() && vastai.isEmpty() && biren.isEmpty() && vnpus.map(VnpuSection::isEmpty).orElse(true);
    }

    /**
     * The configuration HAMi's chart installs with its default values: every section, with the resource names given in
     * docs/scheduler.md ("The device config file"), NVIDIA's built-in defaults, the four Iluvatar chips and the seven
     * Ascend families. The raw sections carry the chart's resource names.
     */
    public static DeviceConfig defaults() {
        return new DeviceConfig(
                Optional.of(NvidiaConfig.defaults()),
                Optional.of(CambriconConfig.defaults()),
                Optional.of(HygonConfig.defaults()),
                Optional.of(MetaxConfig.defaults()),
                Optional.of(MthreadsConfig.defaults()),
                IluvatarConfig.defaults(),
                raw("resourceNameGCU", "enflame.com/gcu", "resourceNameDRSGCU", "enflame.com/drs-gcu",
                        "resourceNameGCUMemory", "enflame.com/gcu-memory", "resourceNameGCUCore", "enflame.com/gcu-core"),
                raw("resourceCountName", "kunlunxin.com/xpu", "resourceVCountName", "kunlunxin.com/vxpu",
                        "resourceVMemoryName", "kunlunxin.com/vxpu-memory"),
                raw("resourceCountName", "aws.amazon.com/neuron", "resourceCoreName", "aws.amazon.com/neuroncore"),
                raw("resourceCountName", "amd.com/gpu", "resourceCoreName", "amd.com/gpucores",
                        "resourceMemoryName", "amd.com/gpumem"),
                raw("resourceCountName", "vastaitech.com/va"),
                raw("resourceCountName", "birentech.com/gpu"),
                Optional.of(VnpuSection.defaults()));
    }

    private static Optional<RawSection> raw(String... keysAndValues) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tree.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Optional.of(new RawSection(tree));
    }
}
