package io.hami.model.annotation;

import io.hami.model.device.MthreadsGpuIndex;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.stream.Collectors;

/**
 * {@code mthreads.com/gpu-index}: the node indexes of a Moore Threads pod's GPUs, a comma list such as {@code 0} or
 * {@code 2,3}. HAMi source: {@code PatchAnnotations} in {@code pkg/device/mthreads/device.go}.
 *
 * <p>Decoding takes at least one element, each a decimal number of ASCII digits of at most 2147483647, each index
 * once: no sign, no space, no empty element (HAMi's writer produces none of them). Encoding joins the indexes with
 * {@code ,}.
 */
public final class MthreadsGpuIndexCodec implements WireCodec<MthreadsGpuIndex> {

    /** The codec; it is stateless. */
    public static final MthreadsGpuIndexCodec INSTANCE = new MthreadsGpuIndexCodec();

    static final String FORMAT = "mthreads-gpu-index";

    private MthreadsGpuIndexCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<MthreadsGpuIndex> valueType() {
        return MthreadsGpuIndex.class;
    }

    @Override
    public MthreadsGpuIndex decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value", null);
        }
        String[] parts = wire.split(",", -1);
        var indexes = new ArrayList<Integer>(parts.length);
        var seen = new HashSet<Integer>();
        for (int i = 0; i < parts.length; i++) {
            int index = DecimalText.nonNegativeInt(FORMAT, "[" + i + "]", parts[i]);
            if (!seen.add(index)) {
                throw new WireFormatException(FORMAT, "[" + i + "]", "index listed twice", parts[i]);
            }
            indexes.add(index);
        }
        return new MthreadsGpuIndex(indexes);
    }

    @Override
    public String encode(MthreadsGpuIndex value) {
        return value.indexes().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
