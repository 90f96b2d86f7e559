package io.hami.model.annotation;

import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code hami.io/gpu-scheduler-policy}: one of {@code binpack}, {@code spread}, {@code topology-aware},
 * {@code mutex}, {@code numa}, or a comma list of them whose elements are trimmed of Go white space.
 *
 * <p>Stricter than HAMi, which reads any unknown word as spread ordering and skips empty list elements:
 * <ul>
 *   <li>an unknown word is rejected, with the allowed values in the message;</li>
 *   <li>an empty value, or an empty element ({@code binpack,}, {@code a,,b}), is rejected;</li>
 *   <li>a single word with surrounding white space ({@code " binpack"}) is rejected, because HAMi
 *       compares single words untrimmed for ordering but trimmed for {@code mutex} and
 *       {@code topology-aware}, so such a value means two things at once.</li>
 * </ul>
 * An absent annotation means "use the flag" and is the caller's business. Encoding joins the tokens with
 * {@code ,} and no spaces.
 */
public final class GpuSchedulerPolicyCodec implements WireCodec<GpuSchedulerPolicy> {

    /** The codec; it is stateless and thread-safe. */
    public static final GpuSchedulerPolicyCodec INSTANCE = new GpuSchedulerPolicyCodec();

    private GpuSchedulerPolicyCodec() {
    }

    /** The format name. */
    public static final String FORMAT = "gpu-scheduler-policy";

    private static final String ALLOWED = " (allowed: " + GpuPolicyToken.ALLOWED + ", or a comma list of them)";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<GpuSchedulerPolicy> valueType() {
        return GpuSchedulerPolicy.class;
    }

    @Override
    public GpuSchedulerPolicy decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value", null);
        }
        if (wire.indexOf(',') < 0) {
            if (!GoText.trimSpace(wire).equals(wire)) {
                throw new WireFormatException(FORMAT, "value",
                        "white space around a single policy (HAMi would not recognise it)", wire);
            }
            return GpuSchedulerPolicy.of(token("value", wire));
        }
        String[] elements = wire.split(",", -1);
        List<GpuPolicyToken> tokens = new ArrayList<>(elements.length);
        for (int i = 0; i < elements.length; i++) {
            tokens.add(token("tokens[" + i + "]", GoText.trimSpace(elements[i])));
        }
        return new GpuSchedulerPolicy(tokens);
    }

    private static GpuPolicyToken token(String field, String text) throws WireFormatException {
        if (text.isEmpty()) {
            throw new WireFormatException(FORMAT, field, "empty policy" + ALLOWED, text);
        }
        return GpuPolicyToken.fromWireName(text).orElseThrow(
                () -> new WireFormatException(FORMAT, field, "unknown GPU scheduler policy" + ALLOWED, text));
    }

    @Override
    public String encode(GpuSchedulerPolicy value) {
        return value.tokens().stream().map(GpuPolicyToken::wireName).collect(Collectors.joining(","));
    }
}
