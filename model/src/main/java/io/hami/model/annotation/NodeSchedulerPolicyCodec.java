package io.hami.model.annotation;

import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

/**
 * {@code hami.io/node-scheduler-policy}: exactly {@code binpack} or {@code spread}.
 *
 * <p>HAMi compares the value with {@code spread} and treats everything else, including {@code ""},
 * {@code " spread"} and {@code Spread}, as binpack. We reject such values instead, with the allowed
 * values in the message, so that a mistyped annotation is reported rather than silently packed. An
 * absent annotation means "use the flag" and is the caller's business.
 */
public final class NodeSchedulerPolicyCodec implements WireCodec<NodeSchedulerPolicy> {

    /** The codec; it is stateless and thread-safe. */
    public static final NodeSchedulerPolicyCodec INSTANCE = new NodeSchedulerPolicyCodec();

    private NodeSchedulerPolicyCodec() {
    }

    /** The format name. */
    public static final String FORMAT = "node-scheduler-policy";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<NodeSchedulerPolicy> valueType() {
        return NodeSchedulerPolicy.class;
    }

    @Override
    public NodeSchedulerPolicy decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value", null);
        }
        return NodeSchedulerPolicy.fromWireName(wire).orElseThrow(() -> new WireFormatException(FORMAT, "value",
                "unknown node scheduler policy (allowed: " + NodeSchedulerPolicy.ALLOWED + ")", wire));
    }

    @Override
    public String encode(NodeSchedulerPolicy value) {
        return value.wireName();
    }
}
