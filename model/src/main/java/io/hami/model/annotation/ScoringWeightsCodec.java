package io.hami.model.annotation;

import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code hami.io/device-scoring-weights}: exactly three {@code key=value} entries separated by commas,
 * keys {@code slot}, {@code core} and {@code memory} in any order, each once; entries, keys and values are
 * trimmed of Go white space; values are Go {@code int64} (optional sign, ASCII digits), not negative, and
 * not all zero. The problems carry HAMi's wording, which its tests match on.
 *
 * <p>Each entry is checked in order: the {@code =}, then the key (unknown, duplicate), then the value
 * (integer, sign). An absent annotation means {@link ScoringWeights#DEFAULT} and is the caller's
 * business; an empty value is an error, as in HAMi. Encoding writes {@code slot=1,core=1,memory=3}.
 */
public final class ScoringWeightsCodec implements WireCodec<ScoringWeights> {

    /** The codec; it is stateless and thread-safe. */
    public static final ScoringWeightsCodec INSTANCE = new ScoringWeightsCodec();

    private ScoringWeightsCodec() {
    }

    /** The format name. */
    public static final String FORMAT = "scoring-weights";

    private static final String[] KEYS = {"slot", "core", "memory"};

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<ScoringWeights> valueType() {
        return ScoringWeights.class;
    }

    @Override
    public ScoringWeights decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value", null);
        }
        String[] entries = wire.split(",", -1);
        if (entries.length != KEYS.length) {
            throw new WireFormatException(FORMAT, "value", "expected slot, core, and memory weights", wire);
        }
        Map<String, Long> weights = new HashMap<>();
        for (int i = 0; i < entries.length; i++) {
            readEntry(i, entries[i], weights);
        }
        if (weights.values().stream().allMatch(w -> w == 0)) {
            throw new WireFormatException(FORMAT, "value", "at least one weight must be positive", wire);
        }
        return new ScoringWeights(weights.get("slot"), weights.get("core"), weights.get("memory"));
    }

    private static void readEntry(int index, String entry, Map<String, Long> weights) throws WireFormatException {
        String trimmed = GoText.trimSpace(entry);
        int eq = trimmed.indexOf('=');
        String field = "entries[" + index + "]";
        if (eq < 0) {
            throw new WireFormatException(FORMAT, field, "expected key=value entries", entry);
        }
        String key = GoText.trimSpace(trimmed.substring(0, eq));
        String text = GoText.trimSpace(trimmed.substring(eq + 1));
        String quotedKey = WireFormatException.quote(key);
        if (!isKey(key)) {
            throw new WireFormatException(FORMAT, field, "unknown weight " + quotedKey
                    + " (expected slot, core and memory)", entry);
        }
        if (weights.containsKey(key)) {
            throw new WireFormatException(FORMAT, key, "duplicate " + quotedKey + " weight", entry);
        }
        long weight;
        try {
            weight = GoStrconv.parseInt(text, 64);
        } catch (GoStrconv.ParseException e) {
            throw new WireFormatException(FORMAT, key, quotedKey + " weight must be an integer", text);
        }
        if (weight < 0) {
            throw new WireFormatException(FORMAT, key, quotedKey + " weight must not be negative", text);
        }
        weights.put(key, weight);
    }

    private static boolean isKey(String key) {
        for (String k : KEYS) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String encode(ScoringWeights value) {
        return "slot=" + value.slot() + ",core=" + value.core() + ",memory=" + value.memory();
    }
}
