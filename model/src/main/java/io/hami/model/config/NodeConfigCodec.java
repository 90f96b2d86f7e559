package io.hami.model.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * HAMi's per-node configuration of the NVIDIA device plugin, the {@code config.json} of the device plugin's ConfigMap
 * (HAMi's chart value {@code devicePlugin.nodeConfiguration.config}):
 *
 * <pre>{@code
 * {"nodeconfig": [{"name": "gpu-node-7", "operatingmode": "hami-core", "devicesplitcount": 4,
 *                  "devicememoryscaling": 1.5, "devicecorescaling": 1, "preconfigureddevicememory": 0,
 *                  "enablenumatopology": false, "libcudaloglevel": "1", "migstrategy": "none",
 *                  "filterdevices": {"uuid": ["GPU-..."], "index": [3]},
 *                  "enablegetpreferredallocation": false}]}
 * }</pre>
 *
 * <p>A key whose value is its type's zero ({@code 0}, {@code false}, {@code ""}) sets nothing, as in HAMi, which
 * merges an entry over the device config with mergo. Keys are matched without regard to case, as Go's {@code encoding/json} matches them; keys this codec does not
 * know are kept in {@link NodeConfigFile#ignoredKeys()} for the reader to report, where HAMi drops them silently.
 * A value of the wrong type fails the whole file with its path, as it fails HAMi's unmarshalling. HAMi source: the
 * {@code DevicePluginConfigs} and {@code NodeDefaultConfig} types in {@code pkg/device/nvidia/device.go}, read by
 * {@code readFromConfigFile} in {@code pkg/device-plugin/nvidiadevice/nvinternal/plugin/server.go}.
 */
public final class NodeConfigCodec {

    /** The format name in messages. */
    public static final String FORMAT = "node-config";

    /** The largest file read: a ConfigMap holds at most 1 MiB. */
    public static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private NodeConfigCodec() {
    }

    /**
     * Decodes the file's text.
     *
     * @throws WireFormatException naming the entry and the key whose value is not of its type
     */
    public static NodeConfigFile decode(String text) throws WireFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new WireFormatException(FORMAT, "$", "not valid JSON (" + e.getOriginalMessage() + ")", null, e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new NodeConfigFile(List.of(), List.of());
        }
        if (!root.isObject()) {
            throw new WireFormatException(FORMAT, "$", "not a JSON object", root.toString());
        }
        var ignored = new LinkedHashSet<String>();
        JsonNode list = null;
        for (var field : root.properties()) {
            if (field.getKey().equalsIgnoreCase("nodeconfig")) {
                list = field.getValue();
            } else {
                ignored.add(field.getKey());
            }
        }
        var entries = new ArrayList<NodeConfigFile.Entry>();
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new WireFormatException(FORMAT, "nodeconfig", "not a list", list.toString());
            }
            for (int i = 0; i < list.size(); i++) {
                entries.add(entry(list.get(i), "nodeconfig[" + i + "]", ignored));
            }
        }
        return new NodeConfigFile(entries, List.copyOf(ignored));
    }

    private static NodeConfigFile.Entry entry(JsonNode node, String path, LinkedHashSet<String> ignored)
            throws WireFormatException {
        if (!node.isObject()) {
            throw new WireFormatException(FORMAT, path, "not a JSON object", node.toString());
        }
        var e = new Builder();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey().toLowerCase(Locale.ROOT);
            JsonNode value = field.getValue();
            String at = path + "." + field.getKey();
            if (value.isNull()) {
                continue; // Go leaves the field as it was
            }
            switch (key) {
                case "name" -> e.name = text(value, at);
                case "operatingmode" -> e.mode = text(value, at);
                case "migstrategy" -> e.migStrategy = text(value, at);
                // A zero value sets nothing: HAMi merges an entry over the device config with mergo, which skips a
                // source value that is its type's zero.
                case "devicesplitcount" -> e.splitCount = nonZero(unsigned(value, at));
                case "devicememoryscaling" -> e.memoryScaling = Optional.of(number(value, at)).filter(d -> d != 0);
                case "devicecorescaling" -> e.coreScaling = Optional.of(number(value, at)).filter(d -> d != 0);
                case "preconfigureddevicememory" -> e.preconfiguredMiB = Optional.of(int64(value, at)).filter(l -> l != 0);
                case "enablenumatopology" -> e.numaTopology = Optional.of(bool(value, at)).filter(b -> b);
                case "libcudaloglevel" -> e.libCudaLogLevel = Optional.of(text(value, at));
                case "enablegetpreferredallocation" -> e.preferredAllocation = bool(value, at);
                case "filterdevices" -> filter(value, at, e);
                default -> ignored.add(path + "." + field.getKey());
            }
        }
        return new NodeConfigFile.Entry(e.name, e.mode, e.migStrategy, e.splitCount, e.memoryScaling,
                e.coreScaling, e.preconfiguredMiB, e.numaTopology, e.libCudaLogLevel, List.copyOf(e.uuids),
                List.copyOf(e.indexes), e.preferredAllocation);
    }

    private static void filter(JsonNode value, String at, Builder e) throws WireFormatException {
        if (!value.isObject()) {
            throw new WireFormatException(FORMAT, at, "not a JSON object", value.toString());
        }
        for (var field : value.properties()) {
            String key = field.getKey().toLowerCase(Locale.ROOT);
            JsonNode list = field.getValue();
            String path = at + "." + field.getKey();
            if (list.isNull()) {
                continue;
            }
            if (!key.equals("uuid") && !key.equals("index")) {
                continue;
            }
            if (!list.isArray()) {
                throw new WireFormatException(FORMAT, path, "not a list", list.toString());
            }
            for (int i = 0; i < list.size(); i++) {
                if (key.equals("uuid")) {
                    e.uuids.add(text(list.get(i), path + "[" + i + "]"));
                } else {
                    e.indexes.add(unsigned(list.get(i), path + "[" + i + "]"));
                }
            }
        }
    }

    private static OptionalInt nonZero(int value) {
        return value == 0 ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static String text(JsonNode v, String at) throws WireFormatException {
        if (!v.isTextual()) {
            throw new WireFormatException(FORMAT, at, "not a string", v.toString());
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode v, String at) throws WireFormatException {
        if (!v.isBoolean()) {
            throw new WireFormatException(FORMAT, at, "not true or false", v.toString());
        }
        return v.booleanValue();
    }

    private static double number(JsonNode v, String at) throws WireFormatException {
        if (!v.isNumber()) {
            throw new WireFormatException(FORMAT, at, "not a number", v.toString());
        }
        return v.doubleValue();
    }

    private static int unsigned(JsonNode v, String at) throws WireFormatException {
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new WireFormatException(FORMAT, at, "not a whole number from 0 to 2147483647", v.toString());
        }
        return v.intValue();
    }

    private static long int64(JsonNode v, String at) throws WireFormatException {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new WireFormatException(FORMAT, at, "not a 64-bit whole number", v.toString());
        }
        return v.longValue();
    }

    /** The fields of one entry while it is read. */
    private static final class Builder {
        String name = "";
        String mode = "";
        String migStrategy = "";
        OptionalInt splitCount = OptionalInt.empty();
        Optional<Double> memoryScaling = Optional.empty();
        Optional<Double> coreScaling = Optional.empty();
        Optional<Long> preconfiguredMiB = Optional.empty();
        Optional<Boolean> numaTopology = Optional.empty();
        Optional<String> libCudaLogLevel = Optional.empty();
        List<String> uuids = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        boolean preferredAllocation;
    }
}
