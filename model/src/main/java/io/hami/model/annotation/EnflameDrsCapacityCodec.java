package io.hami.model.annotation;

import com.fasterxml.jackson.core.JsonToken;
import io.hami.model.device.EnflameDrsCapacity;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * {@code enflame.com/gcu-drs-capacity}, Enflame's register annotation in DRS mode: a JSON object
 * {@code {"devices":[{"index":"0","minor":"0","capacity":6},…],"profiles":{"1g.8gb":"0",…}}}. HAMi source:
 * {@code drsCapacitySpec} and {@code GetNodeDevices} in {@code pkg/device/enflame/device.go}.
 *
 * <p><b>Decoding</b> is HAMi's: keys as Go matches them; {@code index} and {@code minor} are strings (an index that is
 * not a number is the card's position, an empty minor the index); {@code capacity} is a number (truncated) or a string
 * of digits, and must be at least 1; profile ids are strings. A node with no card, or whose profiles name no slices, is
 * an error, as in HAMi ({@code no valid drs profiles found}).
 *
 * <p><b>Encoding</b> writes the cards in order with {@code capacity} as a number, and the profiles sorted by name.
 */
public final class EnflameDrsCapacityCodec implements WireCodec<EnflameDrsCapacity> {

    /** The codec; it is stateless. */
    public static final EnflameDrsCapacityCodec INSTANCE = new EnflameDrsCapacityCodec();

    static final String FORMAT = "enflame-drs-capacity";
    private static final String[] TOP = {"devices", "profiles"};
    private static final String[] CARD = {"index", "minor", "capacity"};

    private EnflameDrsCapacityCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<EnflameDrsCapacity> valueType() {
        return EnflameDrsCapacity.class;
    }

    @Override
    public EnflameDrsCapacity decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value", null);
        }
        var json = GoJson.open(FORMAT, wire);
        if (json.token() != JsonToken.START_OBJECT) {
            throw json.expected("value", "an object with devices and profiles");
        }
        var cards = new ArrayList<EnflameDrsCapacity.Card>();
        var profiles = new LinkedHashMap<String, String>();
        json.object("", TOP, (field, key, at) -> {
            if (field < 0 || json.isNull()) {
                json.skip();
            } else if (field == 0) {
                if (json.token() != JsonToken.START_ARRAY) {
                    throw json.expected(at, "an array");
                }
                json.array(at, (i, path) -> cards.add(card(json, path, i)));
            } else {
                if (json.token() != JsonToken.START_OBJECT) {
                    throw json.expected(at, "an object of profile names to ids");
                }
                json.object(at, new String[0], (f, name, path) -> profiles.put(name, json.string(path)));
            }
        });
        if (cards.isEmpty()) {
            throw new WireFormatException(FORMAT, "devices", "no DRS devices registered", wire);
        }
        try {
            return new EnflameDrsCapacity(cards, profiles);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(FORMAT, "profiles", e.getMessage(), wire);
        }
    }

    private static EnflameDrsCapacity.Card card(GoJson json, String path, int position) throws WireFormatException {
        if (json.token() != JsonToken.START_OBJECT) {
            throw json.expected(path, "a device object");
        }
        var text = new String[] {"", ""};
        var capacity = new long[] {0};
        json.object(path, CARD, (field, key, at) -> {
            if (field < 0 || json.isNull()) {
                json.skip();
            } else if (field < 2) {
                text[field] = json.string(at);
            } else {
                capacity[0] = capacity(json, at);
            }
        });
        int index = digits(text[0].trim());
        if (index < 0) {
            index = position;
        }
        String minor = text[1].trim().isEmpty() ? Integer.toString(index) : text[1].trim();
        if (capacity[0] < 1) {
            throw new WireFormatException(FORMAT, path + ".capacity", "must be at least 1 slice",
                    Long.toString(capacity[0]));
        }
        return new EnflameDrsCapacity.Card(index, minor, (int) Math.min(capacity[0], Integer.MAX_VALUE));
    }

    /** A number, truncated toward zero, or a string of decimal digits (HAMi's {@code parseDRSCapacity}). */
    private static long capacity(GoJson json, String at) throws WireFormatException {
        if (json.token() == JsonToken.VALUE_STRING) {
            int n = digits(json.string(at).trim());
            if (n < 0) {
                throw json.expected(at, "a number of slices");
            }
            return n;
        }
        if (!json.token().isNumeric()) {
            throw json.expected(at, "a number of slices");
        }
        double value = Double.parseDouble(json.text());
        if (Double.isNaN(value) || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw json.expected(at, "a 32-bit number of slices");
        }
        return (long) value;
    }

    private static int digits(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    @Override
    public String encode(EnflameDrsCapacity value) {
        var out = new GoJsonWriter().beginObject().name("devices").beginArray();
        for (var card : value.devices()) {
            out.beginObject().name("index").value(Integer.toString(card.index())).name("minor").value(card.minor())
                    .name("capacity").value(card.capacity()).endObject();
        }
        out.endArray().name("profiles").beginObject();
        value.profiles().forEach((name, id) -> out.name(name).value(id));
        return out.endObject().endObject().toString();
    }
}
