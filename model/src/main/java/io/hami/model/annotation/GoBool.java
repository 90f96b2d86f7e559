package io.hami.model.annotation;

import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

/**
 * A boolean annotation read with Go's {@code strconv.ParseBool}, e.g. {@code nvidia.com/numa-bind}:
 * exactly {@code 1 t T TRUE true True} or {@code 0 f F FALSE false False}; no trimming, no other spelling.
 *
 * <p>HAMi reads an invalid {@code numa-bind} as false; this codec rejects it and leaves that choice to
 * the caller. Encoding writes Go's {@code strconv.FormatBool}: {@code true} or {@code false}.
 */
public final class GoBool implements WireCodec<Boolean> {

    /** The codec; it is stateless and thread-safe. */
    public static final GoBool INSTANCE = new GoBool();

    private GoBool() {
    }

    /** The format name. */
    public static final String FORMAT = "go-bool";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<Boolean> valueType() {
        return Boolean.class;
    }

    @Override
    public Boolean decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value", null);
        }
        try {
            return GoStrconv.parseBool(wire);
        } catch (GoStrconv.ParseException e) {
            throw new WireFormatException(FORMAT, "value",
                    "not a Go boolean (1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False)", wire);
        }
    }

    @Override
    public String encode(Boolean value) {
        return value.toString();
    }
}
