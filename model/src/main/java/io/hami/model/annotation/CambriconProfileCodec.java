package io.hami.model.annotation;

import io.hami.model.device.CambriconProfile;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

/**
 * {@code CAMBRICON_DSMLU_PROFILE}: {@code <index>_<cores>_<memory units>}, e.g. {@code 0_30_16}. HAMi source:
 * {@code PatchAnnotations} in {@code pkg/device/cambricon/device.go}; Cambricon's device plugin splits it into
 * exactly three integers.
 *
 * <p>Decoding takes exactly three {@code _}-separated decimal numbers of ASCII digits, each at most 2147483647: no
 * sign, no space, no empty part (HAMi's {@code %d} never writes them). Encoding writes them in plain decimal.
 */
public final class CambriconProfileCodec implements WireCodec<CambriconProfile> {

    /** The codec; it is stateless. */
    public static final CambriconProfileCodec INSTANCE = new CambriconProfileCodec();

    static final String FORMAT = "cambricon-profile";
    private static final String[] PARTS = {"index", "cores", "memoryUnits"};

    private CambriconProfileCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<CambriconProfile> valueType() {
        return CambriconProfile.class;
    }

    @Override
    public CambriconProfile decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value", null);
        }
        String[] parts = wire.split("_", -1);
        if (parts.length != PARTS.length) {
            throw new WireFormatException(FORMAT, "value", "expected <index>_<cores>_<memory units> but found "
                    + parts.length + " '_'-separated parts", wire);
        }
        var n = new int[PARTS.length];
        for (int i = 0; i < PARTS.length; i++) {
            n[i] = DecimalText.nonNegativeInt(FORMAT, PARTS[i], parts[i]);
        }
        return new CambriconProfile(n[0], n[1], n[2]);
    }

    @Override
    public String encode(CambriconProfile value) {
        return value.index() + "_" + value.cores() + "_" + value.memoryUnits();
    }
}
