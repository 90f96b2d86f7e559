package io.hami.model.annotation;

import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * {@code hami.io/mutex.lock}: {@code <RFC3339>,<namespace>,<pod>}, or a bare timestamp (legacy form).
 *
 * <p>Decoding: a value without a comma is a legacy lock; otherwise it must split on commas into exactly
 * three parts ({@code malformed lock annotation value} otherwise). The timestamp follows Go's
 * {@code time.Parse(time.RFC3339, …)} fast path ({@code Z} or {@code ±hh:mm}, optional fraction, which is
 * dropped; see {@link NodeLock}). Unlike HAMi, which takes any text as owner, the namespace and pod name
 * must be valid Kubernetes names; HAMi only ever writes real pod names there. An empty value is an
 * error, as it is in HAMi (an absent annotation means "unlocked" and is the caller's business).
 *
 * <p>Encoding writes Go {@code time.RFC3339}: whole seconds, {@code Z} for a zero offset, otherwise
 * {@code ±hh:mm}, then {@code ,<namespace>,<pod>} unless the lock is legacy.
 */
public final class NodeLockCodec implements WireCodec<NodeLock> {

    /** The codec; it is stateless and thread-safe. */
    public static final NodeLockCodec INSTANCE = new NodeLockCodec();

    private NodeLockCodec() {
    }

    /** The format name. */
    public static final String FORMAT = "node-lock";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<NodeLock> valueType() {
        return NodeLock.class;
    }

    @Override
    public NodeLock decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value", null);
        }
        if (wire.indexOf(',') < 0) {
            return NodeLock.legacy(timestamp(wire));
        }
        String[] parts = wire.split(",", -1);
        if (parts.length != 3) {
            throw new WireFormatException(FORMAT, "value", "malformed lock annotation value: expected "
                    + "<timestamp>,<namespace>,<pod> but found " + parts.length + " comma-separated parts", wire);
        }
        OffsetDateTime at = timestamp(parts[0]);
        String problem = KubernetesNames.namespaceProblem(parts[1]);
        if (problem != null) {
            throw new WireFormatException(FORMAT, "namespace", problem, parts[1]);
        }
        problem = KubernetesNames.podNameProblem(parts[2]);
        if (problem != null) {
            throw new WireFormatException(FORMAT, "pod", problem, parts[2]);
        }
        return new NodeLock(at, Optional.of(new PodRef(parts[1], parts[2])));
    }

    private static OffsetDateTime timestamp(String text) throws WireFormatException {
        try {
            return GoTime.parseRfc3339(text);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(FORMAT, "timestamp", e.getMessage(), text);
        }
    }

    @Override
    public String encode(NodeLock value) {
        String at = GoTime.formatRfc3339(value.acquiredAt());
        return value.owner().map(o -> at + "," + o.namespace() + "," + o.name()).orElse(at);
    }
}
