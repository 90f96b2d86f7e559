package io.hami.model.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

import java.io.UncheckedIOException;

/**
 * The {@code device-config.yaml} format ({@code device-config}): the YAML text of HAMi's
 * {@code hami-scheduler-device} ConfigMap.
 *
 * <p>{@link #decode} reads one YAML document of at most 1 MiB, refuses aliases, duplicate keys, unknown vendor
 * sections and unknown keys in the sections hami-java models, fills absent keys with their defaults and runs
 * {@link DeviceConfigValidator}. Errors read
 * {@code device-config: nvidia.deviceSplitCount (line 3, column 21): must not be negative: "-1"}; the location
 * is left out where there is none (the configuration as a whole, a default value).
 *
 * <p>{@link #encode} writes every key of every present section, in HAMi's order, with quotes only where YAML
 * needs them; {@code vnpus} is always written in the v2.10 mapping form.
 */
public final class DeviceConfigCodec implements WireCodec<DeviceConfig> {

    /** The codec; it is stateless and thread-safe. */
    public static final DeviceConfigCodec INSTANCE = new DeviceConfigCodec();

    private DeviceConfigCodec() {
    }

    /** The format name. */
    public static final String FORMAT = "device-config";
    /** Longest document {@link #decode} reads, in characters. */
    public static final int MAX_CHARS = YamlTreeReader.MAX_CHARS;

    /** Thread-safe once built; never reconfigured. */
    private static final YAMLMapper WRITER = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<DeviceConfig> valueType() {
        return DeviceConfig.class;
    }

    @Override
    public DeviceConfig decode(String yaml) throws WireFormatException {
        YamlNode root = YamlTreeReader.read(FORMAT, yaml);
        DeviceConfigBinder.Bound bound = DeviceConfigBinder.bind(root);
        DeviceConfigValidator.validate(bound.config(), bound.locations());
        return bound.config();
    }

    @Override
    public String encode(DeviceConfig value) {
        try {
            return WRITER.writeValueAsString(DeviceConfigWriter.tree(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("writing a JSON tree as YAML cannot fail", e);
        }
    }
}
