package io.hami.model.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * HAMi's {@code device-config.yaml}: the key of that name in the {@code <release>-scheduler-device} ConfigMap,
 * read by the scheduler ({@code --device-config-file}) and by the device plugins. One section per vendor;
 * an absent section leaves that vendor without resource names, so it never matches a container.
 *
 * <p>Every section is modelled and checked; those of Enflame, Kunlunxin, AWS Neuron, AMD, Vastai and Biren hold
 * resource names only and share one record, {@link ResourceSection}. Read and write it with {@link DeviceConfigCodec}
 * or {@link DeviceConfigLoader}; they check it with {@link DeviceConfigValidator}.
 *
 * @param nvidia    the {@code nvidia:} section
 * @param cambricon the {@code cambricon:} section
 * @param hygon     the {@code hygon:} section
 * @param metax     the {@code metax:} section
 * @param mthreads  the {@code mthreads:} section
 * @param iluvatars the {@code iluvatars:} list, one device type per chip; empty when absent
 * @param enflame   the {@code enflame:} section
 * @param kunlun    the {@code kunlun:} section
 * @param awsneuron the {@code awsneuron:} section
 * @param amd       the {@code amd:} section
 * @param vastai    the {@code vastai:} section
 * @param biren     the {@code biren:} section
 * @param vnpus     the {@code vnpus:} section (Huawei Ascend)
 */
public record DeviceConfig(
        Optional<NvidiaConfig> nvidia,
        Optional<CambriconConfig> cambricon,
        Optional<HygonConfig> hygon,
        Optional<MetaxConfig> metax,
        Optional<MthreadsConfig> mthreads,
        List<IluvatarConfig> iluvatars,
        Optional<ResourceSection> enflame,
        Optional<ResourceSection> kunlun,
        Optional<ResourceSection> awsneuron,
        Optional<ResourceSection> amd,
        Optional<ResourceSection> vastai,
        Optional<ResourceSection> biren,
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

    /**
     * The canonical JSON form back into a configuration: the six resource-name sections are plain maps there, and each
     * key says which schema it is.
     */
    @JsonCreator
    static DeviceConfig fromJson(@JsonProperty("nvidia") Optional<NvidiaConfig> nvidia,
                                 @JsonProperty("cambricon") Optional<CambriconConfig> cambricon,
                                 @JsonProperty("hygon") Optional<HygonConfig> hygon,
                                 @JsonProperty("metax") Optional<MetaxConfig> metax,
                                 @JsonProperty("mthreads") Optional<MthreadsConfig> mthreads,
                                 @JsonProperty("iluvatars") List<IluvatarConfig> iluvatars,
                                 @JsonProperty("enflame") Optional<java.util.Map<String, String>> enflame,
                                 @JsonProperty("kunlun") Optional<java.util.Map<String, String>> kunlun,
                                 @JsonProperty("awsneuron") Optional<java.util.Map<String, String>> awsneuron,
                                 @JsonProperty("amd") Optional<java.util.Map<String, String>> amd,
                                 @JsonProperty("vastai") Optional<java.util.Map<String, String>> vastai,
                                 @JsonProperty("biren") Optional<java.util.Map<String, String>> biren,
                                 @JsonProperty("vnpus") Optional<VnpuSection> vnpus) {
        return new DeviceConfig(orEmpty(nvidia), orEmpty(cambricon), orEmpty(hygon), orEmpty(metax), orEmpty(mthreads),
                iluvatars == null ? List.of() : iluvatars,
                section(ResourceSection.Schema.ENFLAME, enflame), section(ResourceSection.Schema.KUNLUN, kunlun),
                section(ResourceSection.Schema.AWSNEURON, awsneuron), section(ResourceSection.Schema.AMD, amd),
                section(ResourceSection.Schema.VASTAI, vastai), section(ResourceSection.Schema.BIREN, biren),
                orEmpty(vnpus));
    }

    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    private static Optional<ResourceSection> section(ResourceSection.Schema schema,
                                                     Optional<java.util.Map<String, String>> names) {
        return orEmpty(names).map(n -> new ResourceSection(schema, n));
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
     * Ascend families. The six resource-name sections carry the chart's names.
     */
    public static DeviceConfig defaults() {
        return new DeviceConfig(
                Optional.of(NvidiaConfig.defaults()),
                Optional.of(CambriconConfig.defaults()),
                Optional.of(HygonConfig.defaults()),
                Optional.of(MetaxConfig.defaults()),
                Optional.of(MthreadsConfig.defaults()),
                IluvatarConfig.defaults(),
                section(ResourceSection.Schema.ENFLAME),
                section(ResourceSection.Schema.KUNLUN),
                section(ResourceSection.Schema.AWSNEURON),
                section(ResourceSection.Schema.AMD),
                section(ResourceSection.Schema.VASTAI),
                section(ResourceSection.Schema.BIREN),
                Optional.of(VnpuSection.defaults()));
    }

    private static Optional<ResourceSection> section(ResourceSection.Schema schema) {
        return Optional.of(ResourceSection.defaults(schema));
    }
}
