package io.hami.model.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A section of {@code device-config.yaml} that holds resource names only: those of Enflame, Kunlunxin, AWS Neuron, AMD,
 * Vastai and Biren. Their keys and chart defaults are data ({@link Schema}), so one record serves all six; a key left
 * out takes the default, an unknown key is refused like in every other section.
 *
 * @param schema which section this is
 * @param names  every key of the schema, in the schema's order, with its value
 */
public record ResourceSection(Schema schema, Map<String, String> names) {

    /**
     * The six sections: their YAML key, and per field its key and the chart's default (HAMi's
     * {@code charts/hami/templates/scheduler/device-configmap.yaml} and the {@code Config} structs of
     * {@code pkg/device/<vendor>/}). Enflame's two legacy keys default to empty, as Go leaves them.
     */
    public enum Schema {
        ENFLAME("enflame", "resourceNameGCU", "enflame.com/gcu", "resourceNameDRSGCU", "enflame.com/drs-gcu",
                "resourceNameGCUMemory", "enflame.com/gcu-memory", "resourceNameGCUCore", "enflame.com/gcu-core",
                "resourceNameVGCU", "", "resourceNameVGCUPercentage", ""),
        KUNLUN("kunlun", "resourceCountName", "kunlunxin.com/xpu", "resourceVCountName", "kunlunxin.com/vxpu",
                "resourceVMemoryName", "kunlunxin.com/vxpu-memory"),
        AWSNEURON("awsneuron", "resourceCountName", "aws.amazon.com/neuron", "resourceCoreName",
                "aws.amazon.com/neuroncore"),
        AMD("amd", "resourceCountName", "amd.com/gpu", "resourceCoreName", "amd.com/gpucores", "resourceMemoryName",
                "amd.com/gpumem"),
        VASTAI("vastai", "resourceCountName", "vastaitech.com/va"),
        BIREN("biren", "resourceCountName", "birentech.com/gpu");

        private final String section;
        private final Map<String, String> defaults;

        Schema(String section, String... keysAndDefaults) {
            this.section = section;
            var map = new LinkedHashMap<String, String>();
            for (int i = 0; i < keysAndDefaults.length; i += 2) {
                map.put(keysAndDefaults[i], keysAndDefaults[i + 1]);
            }
            this.defaults = map;
        }

        /** The section's top-level key, e.g. {@code kunlun}. */
        public String section() {
            return section;
        }

        /** The section's keys, in the chart's order. */
        public List<String> keys() {
            return List.copyOf(defaults.keySet());
        }

        /** The chart's value of a key. */
        public String defaultOf(String key) {
            return defaults.get(key);
        }

        /**
         * Whether a key may be empty: Enflame's legacy shared-GCU names, which v2.10 no longer needs, and its DRS name,
         * which then falls back to the legacy {@code resourceNameVGCU} and else to the chart's name.
         */
        public boolean optional(String key) {
            return defaults.get(key).isEmpty() || this == ENFLAME && "resourceNameDRSGCU".equals(key);
        }
    }

    public ResourceSection {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(names, "names");
        var ordered = new LinkedHashMap<String, String>();
        for (String key : schema.keys()) {
            ordered.put(key, Objects.requireNonNullElse(names.get(key), schema.defaultOf(key)));
        }
        for (String key : names.keySet()) {
            if (!schema.defaults.containsKey(key)) {
                throw new IllegalArgumentException(schema.section + ": unknown key " + key);
            }
        }
        names = java.util.Collections.unmodifiableMap(ordered);
    }

    /** The chart's section. */
    public static ResourceSection defaults(Schema schema) {
        return new ResourceSection(schema, Map.of());
    }

    /** The value of a key of the schema. */
    public String name(String key) {
        String value = names.get(key);
        if (value == null) {
            throw new IllegalArgumentException(schema.section + " has no key " + key);
        }
        return value;
    }

    /** The section as YAML writes it: the keys in the schema's order. */
    @JsonValue
    public Map<String, String> asMap() {
        return names;
    }
}
