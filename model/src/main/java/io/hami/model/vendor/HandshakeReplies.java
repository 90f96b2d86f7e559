package io.hami.model.vendor;

import io.hami.model.annotation.Handshake;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * What a node agent writes into its handshake annotation to answer the scheduler's {@code Requesting_<time>}: a value
 * starting {@code Reported} (docs/protocol.md, {@code hami.io/node-handshake}). Only the agents that take part answer:
 * HAMi's Ascend plugin writes {@code Reported_2006.01.02 15:04:05}, its Hygon agent {@code Reported } and Go's
 * {@code time.String()} ({@code 2006-01-02 15:04:05.999999999 -0700 MST}, here without its monotonic-clock suffix).
 * The scheduler reads only the prefix. NVIDIA's plugin (and, as far as is public, the other vendors' agents) never
 * answer: the scheduler then goes by the node's advertised count resource.
 */
public final class HandshakeReplies {

    private static final DateTimeFormatter ASCEND = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss", Locale.ROOT);
    /** US English zone names are the tz database's abbreviations ({@code CST}), which Go prints. */
    private static final DateTimeFormatter GO_STRING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS xx zzz",
            Locale.US);

    private HandshakeReplies() {
    }

    /** The reply of {@code vendor}'s agent at {@code now}; empty for a vendor whose agent does not answer. */
    public static Optional<String> reply(Vendor vendor, ZonedDateTime now) {
        return switch (vendor) {
            case ASCEND -> Optional.of(Handshake.Reported.PREFIX + "_" + ASCEND.format(now));
            case HYGON -> Optional.of(Handshake.Reported.PREFIX + " " + goString(now));
            default -> Optional.empty();
        };
    }

    /** Go's {@code time.String()}: the fraction without trailing zeros (none when whole), numeric offset, zone name. */
    static String goString(ZonedDateTime now) {
        var text = GO_STRING.format(now);
        int dot = text.indexOf('.');
        int space = text.indexOf(' ', dot);
        var fraction = text.substring(dot + 1, space).replaceAll("0+$", "");
        return text.substring(0, dot) + (fraction.isEmpty() ? "" : "." + fraction) + text.substring(space);
    }

    /** Whether a handshake value already answers: it starts with {@code Reported}. */
    public static boolean answered(String value) {
        return value != null && value.startsWith(Handshake.Reported.PREFIX) && !value.contains(Handshake.REQUESTING);
    }
}
