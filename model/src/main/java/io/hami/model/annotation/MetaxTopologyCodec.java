package io.hami.model.annotation;

import com.fasterxml.jackson.core.JsonToken;
import io.hami.model.device.MetaxTopologyTable;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code metax-tech.com/gpu.topology.losses} and {@code metax-tech.com/gpu.topology.scores}, the node annotations of
 * MetaX's whole-GPU device plugin: a JSON object from a number of GPUs to an integer, e.g.
 * {@code {"1":0,"2":110,"3":270,"4":540}} (HAMi reads them in {@code pkg/device/metax/device.go}).
 *
 * <p><b>Decoding</b> follows Go's {@code json.Unmarshal} into a {@code map[int]int}: the value must be one JSON object
 * or {@code null} (no entries); every key must be a base-10 integer as Go's {@code strconv.ParseInt} reads it (an
 * optional sign, ASCII digits, leading zeros allowed, 64 bits); every value an integer literal of 64 bits ({@code 1.5},
 * {@code 1e3} and strings are not), {@code null} reading as 0; a repeated key keeps its last value. Errors name the
 * key, e.g. {@code ["2"]: expected a 64-bit integer: "1.5"}.
 *
 * <p><b>Encoding</b> is Go's: compact, keys in the byte order of their decimal text ({@code "1","10","2"}).
 */
public final class MetaxTopologyCodec implements WireCodec<MetaxTopologyTable> {

    /** The codec; it is stateless. */
    public static final MetaxTopologyCodec INSTANCE = new MetaxTopologyCodec();

    static final String FORMAT = "metax-gpu-topology";

    private MetaxTopologyCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<MetaxTopologyTable> valueType() {
        return MetaxTopologyTable.class;
    }

    @Override
    public MetaxTopologyTable decode(String wire) throws WireFormatException {
        var json = GoJson.open(FORMAT, wire);
        Map<Long, Long> entries = new LinkedHashMap<>();
        if (json.token() == JsonToken.START_OBJECT) {
            json.object("", new String[0], (none, key, at) -> {
                String path = "[" + WireFormatException.quote(key) + "]";
                long count = count(key, path);
                entries.put(count, json.isNull() ? 0L : json.integer(path, Long.MIN_VALUE, Long.MAX_VALUE,
                        "a 64-bit integer"));
            });
        } else if (!json.isNull()) {
            throw json.expected("value", "an object from a number of GPUs to an integer");
        }
        return new MetaxTopologyTable(entries);
    }

    /** Go's {@code strconv.ParseInt(key, 10, 64)}: an optional sign, then one or more ASCII digits. */
    private static long count(String key, String path) throws WireFormatException {
        int start = !key.isEmpty() && (key.charAt(0) == '+' || key.charAt(0) == '-') ? 1 : 0;
        boolean digits = key.length() > start;
        for (int i = start; i < key.length(); i++) {
            digits &= key.charAt(i) >= '0' && key.charAt(i) <= '9';
        }
        if (digits) {
            try {
                return Long.parseLong(key);
            } catch (NumberFormatException e) {
                // beyond 64 bits: reported below
            }
        }
        throw new WireFormatException(FORMAT, path, "a key must be a number of GPUs (a 64-bit integer)", key);
    }

    @Override
    public String encode(MetaxTopologyTable value) {
        var keys = new ArrayList<String>();
        value.byCount().keySet().forEach(k -> keys.add(Long.toString(k)));
        keys.sort(null);
        var out = new GoJsonWriter().beginObject();
        for (String key : keys) {
            out.name(key).value(value.byCount().get(Long.parseLong(key)));
        }
        return out.endObject().toString();
    }
}
