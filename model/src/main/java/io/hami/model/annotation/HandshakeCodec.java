package io.hami.model.annotation;

import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

import java.time.LocalDateTime;

/**
 * The node handshake annotation ({@code hami.io/node-handshake} and its per-vendor variants).
 *
 * <p>Decoding never rejects a string: every value falls into one {@link Handshake} variant, tested in
 * HAMi's order. A value that contains {@code Requesting} anywhere is a request: the text after its first
 * {@code _} is read as Go {@code time.DateTime} in the caller's local zone ({@link Handshake.Requesting}),
 * and anything else is {@link Handshake.Unparsed}. Otherwise {@code Reported…} and {@code Deleted…} are
 * recognised by prefix, and the rest, including {@code ""}, is {@link Handshake.Other}. Pass {@code ""}
 * for an absent annotation: HAMi reads a missing key as the empty string and both mean "stamp a request".
 * Only {@code null} is rejected.
 *
 * <p>Encoding reproduces the value: {@code Requesting_<yyyy-MM-dd HH:mm:ss>}, {@code Reported<detail>},
 * {@code Deleted<detail>}, or the raw text.
 */
public final class HandshakeCodec implements WireCodec<Handshake> {

    /** The codec; it is stateless and thread-safe. */
    public static final HandshakeCodec INSTANCE = new HandshakeCodec();

    private HandshakeCodec() {
    }

    /** The format name. */
    public static final String FORMAT = "handshake";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<Handshake> valueType() {
        return Handshake.class;
    }

    @Override
    public Handshake decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value (pass \"\" for an absent annotation)", null);
        }
        if (wire.contains(Handshake.REQUESTING)) {
            LocalDateTime at = stampTime(wire);
            return at == null ? new Handshake.Unparsed(wire) : new Handshake.Requesting(at);
        }
        if (wire.startsWith(Handshake.Reported.PREFIX)) {
            return new Handshake.Reported(wire.substring(Handshake.Reported.PREFIX.length()));
        }
        if (wire.startsWith(Handshake.Deleted.PREFIX)) {
            return new Handshake.Deleted(wire.substring(Handshake.Deleted.PREFIX.length()));
        }
        return new Handshake.Other(wire);
    }

    @Override
    public String encode(Handshake value) {
        return switch (value) {
            case Handshake.Requesting r -> requesting(r.at());
            case Handshake.Unparsed u -> u.raw();
            case Handshake.Reported r -> Handshake.Reported.PREFIX + r.detail();
            case Handshake.Deleted d -> Handshake.Deleted.PREFIX + d.detail();
            case Handshake.Other o -> o.raw();
        };
    }

    /**
     * The scheduler's stamp for local time {@code at}: {@code Requesting_2006-01-02 15:04:05}, whole seconds.
     *
     * @throws IllegalArgumentException when the year is outside 0000–9999
     */
    public static String requesting(LocalDateTime at) {
        return Handshake.REQUESTING + "_" + GoTime.formatDateTime(new Handshake.Requesting(at).at());
    }

    /** The time after the first {@code _}, as HAMi reads it, or {@code null} when there is none. */
    static LocalDateTime stampTime(String value) {
        int underscore = value.indexOf('_');
        if (underscore < 0) {
            return null;
        }
        try {
            return GoTime.parseDateTime(value.substring(underscore + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
