package io.hami.model.wire;

/**
 * One wire format: an annotation value or file written by one HAMi component and read by another.
 *
 * <p>Implementations are stateless and thread-safe. {@link #decode} accepts everything the HAMi v2.10
 * writer produces and rejects everything else with a {@link WireFormatException}; it never throws an
 * unchecked exception, whatever the input. {@link #encode} writes the canonical form, and
 * {@code decode(encode(v))} equals {@code v} for every value {@code v}.
 *
 * @param <T> the immutable value type (a record); it also has a canonical JSON form through
 *            {@link io.hami.model.json.CanonicalJson}
 */
public interface WireCodec<T> {

    /** The format's name as the {@code hami annotation} command knows it, e.g. {@code pod-devices}. */
    String format();

    /** The value type, for reading and writing its canonical JSON. */
    Class<T> valueType();

    /** Parses a wire value. */
    T decode(String wire) throws WireFormatException;

    /** Writes the canonical wire value. */
    String encode(T value);
}
