package io.hami.model.config;

import com.fasterxml.jackson.core.JsonToken;
import io.hami.model.config.YamlNode.Location;
import io.hami.model.wire.WireFormatException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the typed values of one YAML mapping for the binder. It refuses keys outside the given list before
 * anything is read, returns the fallback for absent, null and empty values, and records where each value it
 * reads starts so the validator can point at it.
 */
final class MappingReader {

    private final YamlNode.Mapping mapping;
    private final String path;
    private final Map<String, Location> locations;

    /**
     * @param what what the keys are, for the unknown-key message: {@code field} or {@code vendor section}
     */
    MappingReader(YamlNode.Mapping mapping, String path, Map<String, Location> locations, List<String> keys,
                  String what) throws WireFormatException {
        this.mapping = mapping;
        this.path = path;
        this.locations = locations;
        locations.put(path, mapping.location());
        for (YamlNode.Entry entry : mapping.entries()) {
            if (!keys.contains(entry.key())) {
                throw error(path, entry.keyLocation(), "unknown " + what + " " + WireFormatException.quote(entry.key())
                        + " (known: " + String.join(", ", keys) + ")", null);
            }
        }
    }

    /** The path of this mapping. */
    String path() {
        return path;
    }

    /** The path of a key of this mapping. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value of a key unless it is absent, null or empty. */
    Optional<YamlNode> value(String key) {
        Optional<YamlNode> value = mapping.entry(key).map(YamlNode.Entry::value)
                .filter(v -> !(v instanceof YamlNode.Scalar s && s.isNullOrEmpty()));
        value.ifPresent(v -> locations.put(pathOf(key), v.location()));
        return value;
    }

    /** Any scalar as written ({@code 910} reads as "910", as Go's YAML decoder does for a string field). */
    String string(String key, String fallback) throws WireFormatException {
        Optional<YamlNode> entry = mapping.entry(key).map(YamlNode.Entry::value);
        if (entry.isEmpty() || entry.get() instanceof YamlNode.Scalar s && s.token() == JsonToken.VALUE_NULL) {
            return fallback;
        }
        locations.put(pathOf(key), entry.get().location());
        return scalar(key, entry.get(), "a string").text();
    }

    int int32(String key, int fallback) throws WireFormatException {
        Optional<BigInteger> n = integer(key);
        if (n.isEmpty()) {
            return fallback;
        }
        if (n.get().bitLength() > 31) {
            throw expected(key, "a 32-bit integer");
        }
        return n.get().intValue();
    }

    long int64(String key, long fallback) throws WireFormatException {
        Optional<BigInteger> n = integer(key);
        if (n.isEmpty()) {
            return fallback;
        }
        if (n.get().bitLength() > 63) {
            throw expected(key, "a 64-bit integer");
        }
        return n.get().longValue();
    }

    /** An integer, also when quoted (HAMi declares {@code libCudaLogLevel} as a string). */
    int int32OrDigits(String key, int fallback) throws WireFormatException {
        Optional<YamlNode> value = value(key);
        if (value.isPresent() && value.get() instanceof YamlNode.Scalar s && s.token() == JsonToken.VALUE_STRING) {
            if (!s.text().matches("[0-9]{1,9}")) {
                throw expected(key, "an integer");
            }
            return Integer.parseInt(s.text());
        }
        return int32(key, fallback);
    }

    double number(String key, double fallback) throws WireFormatException {
        Optional<YamlNode> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        YamlNode.Scalar s = scalar(key, value.get(), "a number");
        return switch (s.number()) {
            case BigInteger i -> i.doubleValue();
            case Double d -> d;
            case null, default -> throw expected(key, "a number");
        };
    }

    boolean bool(String key, boolean fallback) throws WireFormatException {
        Optional<YamlNode> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (scalar(key, value.get(), "true or false").token()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw expected(key, "true or false");
        };
    }

    /** A list of scalars as written; absent reads as empty. */
    List<String> strings(String key) throws WireFormatException {
        List<String> out = new ArrayList<>();
        List<YamlNode> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            String itemPath = pathOf(key) + "[" + i + "]";
            YamlNode item = items.get(i);
            locations.put(itemPath, item.location());
            if (!(item instanceof YamlNode.Scalar s) || s.token() == JsonToken.VALUE_NULL) {
                throw error(itemPath, item.location(), "expected a string, found " + item.kind(), null);
            }
            out.add(s.text());
        }
        return out;
    }

    /** The items of a list; absent, null and empty read as no items. */
    List<YamlNode> list(String key) throws WireFormatException {
        Optional<YamlNode> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof YamlNode.Sequence sequence)) {
            throw error(pathOf(key), value.get().location(), "expected a list, found " + value.get().kind(), null);
        }
        return sequence.items();
    }

    private Optional<BigInteger> integer(String key) throws WireFormatException {
        Optional<YamlNode> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (scalar(key, value.get(), "an integer").number() instanceof BigInteger n) {
            return Optional.of(n);
        }
        throw expected(key, "an integer");
    }

    private YamlNode.Scalar scalar(String key, YamlNode node, String expected) throws WireFormatException {
        if (node instanceof YamlNode.Scalar s) {
            return s;
        }
        throw error(pathOf(key), node.location(), "expected " + expected + ", found " + node.kind(), null);
    }

    private WireFormatException expected(String key, String what) {
        YamlNode node = mapping.entry(key).orElseThrow().value();
        String text = node instanceof YamlNode.Scalar s ? s.text() : null;
        return error(pathOf(key), node.location(), "expected " + what, text);
    }

    /** An error at a path and location, in the form every device-config error has. */
    static WireFormatException error(String path, Location location, String problem, String offending) {
        return new WireFormatException(DeviceConfigCodec.FORMAT, YamlNode.describe(path, location), problem, offending);
    }
}
