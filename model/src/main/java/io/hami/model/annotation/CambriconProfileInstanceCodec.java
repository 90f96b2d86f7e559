package io.hami.model.annotation;

import io.hami.model.device.CambriconProfileInstance;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

/**
 * {@code CAMBRICON_DSMLU_PROFILE_INSTANCE}: {@code <profile id>_<instance handle>_<index>_<instance id>}, e.g.
 * {@code 0_258_2_1}, written by the node's plugin once it made a pod's sMLU instance. Source: Cambricon's device
 * plugin in dynamic-sMLU mode ({@code pkg/mlu/server.go} writes it, {@code pkg/dsmlu/dsmlu.go} reads it back).
 *
 * <p>Decoding takes exactly four {@code _}-separated decimal numbers of ASCII digits, each at most 2147483647.
 */
public final class CambriconProfileInstanceCodec implements WireCodec<CambriconProfileInstance> {

    /** The codec; it is stateless. */
    public static final CambriconProfileInstanceCodec INSTANCE = new CambriconProfileInstanceCodec();

    static final String FORMAT = "cambricon-profile-instance";
    private static final String[] PARTS = {"profileId", "instanceHandle", "index", "instanceId"};

    private CambriconProfileInstanceCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<CambriconProfileInstance> valueType() {
        return CambriconProfileInstance.class;
    }

    @Override
    public CambriconProfileInstance decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value", null);
        }
        String[] parts = wire.split("_", -1);
        if (parts.length != PARTS.length) {
            throw new WireFormatException(FORMAT, "value", "expected <profile id>_<instance handle>_<index>_<instance id>"
                    + " but found " + parts.length + " '_'-separated parts", wire);
        }
        var n = new int[PARTS.length];
        for (int i = 0; i < PARTS.length; i++) {
            n[i] = DecimalText.nonNegativeInt(FORMAT, PARTS[i], parts[i]);
        }
        return new CambriconProfileInstance(n[0], n[1], n[2], n[3]);
    }

    @Override
    public String encode(CambriconProfileInstance value) {
        return value.profileId() + "_" + value.instanceHandle() + "_" + value.index() + "_" + value.instanceId();
    }
}
