package io.hami.model.annotation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A node handshake value ({@code hami.io/node-handshake}, {@code hami.io/node-handshake-<vendor>}), sorted
 * into the cases HAMi v2.10's {@code CheckHealth} tells apart.
 *
 * <table>
 *   <caption>Variant and what HAMi's health check does with it</caption>
 *   <tr><th>Variant</th><th>Wire</th><th>HAMi v2.10</th></tr>
 *   <tr><td>{@link Requesting}</td><td>contains {@code Requesting}; after the first {@code _} a Go
 *       {@code time.DateTime}</td><td>fresh (≤ {@link #TIMEOUT}): healthy, no update; expired: healthy only
 *       if the node advertises the count resource</td></tr>
 *   <tr><td>{@link Unparsed}</td><td>contains {@code Requesting}, no {@code _} or no parsable time after
 *       it</td><td>healthy, no update, never expires</td></tr>
 *   <tr><td>{@link Reported}, {@link Deleted}, {@link Other}</td><td>{@code Reported…} (Ascend, Hygon
 *       agents), {@code Deleted…} (old schedulers), anything else including the empty
 *       value</td><td>stamp a fresh {@code Requesting_<now>}; healthy, update</td></tr>
 * </table>
 *
 * <p>The time is the scheduler's local wall-clock time; the zone that gives it meaning is supplied by
 * the caller ({@link Requesting#expired}), never assumed here. Times are kept at whole seconds, as Go's
 * layout writes them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "state")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Handshake.Requesting.class, name = "requesting"),
        @JsonSubTypes.Type(value = Handshake.Unparsed.class, name = "unparsed"),
        @JsonSubTypes.Type(value = Handshake.Reported.class, name = "reported"),
        @JsonSubTypes.Type(value = Handshake.Deleted.class, name = "deleted"),
        @JsonSubTypes.Type(value = Handshake.Other.class, name = "other")})
public sealed interface Handshake {

    /** How long a {@code Requesting_} stamp keeps a node healthy on its own: 60 s. */
    Duration TIMEOUT = Duration.ofSeconds(60);

    /** The marker HAMi looks for anywhere in the value. */
    String REQUESTING = "Requesting";

    /**
     * True for the values HAMi's first branch handles ({@link Requesting}, {@link Unparsed}): the scheduler
     * leaves them in place. For every other value it stamps a fresh {@code Requesting_<now>}.
     */
    @JsonIgnore
    default boolean isRequesting() {
        return this instanceof Requesting || this instanceof Unparsed;
    }

    /**
     * The scheduler's stamp, {@code Requesting_<yyyy-MM-dd HH:mm:ss>} in its local time.
     *
     * @param at local time, truncated to whole seconds, year 0000–9999
     */
    record Requesting(LocalDateTime at) implements Handshake {

        /** @throws IllegalArgumentException when the year cannot be written in four digits */
        public Requesting {
            Objects.requireNonNull(at, "at");
            if (at.getYear() < 0 || at.getYear() > 9999) {
                throw new IllegalArgumentException("at: year outside 0000-9999: " + at);
            }
            at = at.truncatedTo(ChronoUnit.SECONDS);
        }

        /** True when {@code now} is after {@code at} (read in {@code zone}) plus {@link #TIMEOUT}, as HAMi judges. */
        public boolean expired(Instant now, ZoneId zone) {
            return now.isAfter(at.atZone(zone).toInstant().plus(TIMEOUT));
        }
    }

    /**
     * A value containing {@code Requesting} without a parsable time ({@code Requesting},
     * {@code Requesting_not-a-timestamp}); HAMi counts the node healthy and leaves the value alone.
     *
     * @param raw the value as read
     */
    record Unparsed(String raw) implements Handshake {

        /** @throws IllegalArgumentException when {@code raw} would decode as another variant */
        public Unparsed {
            Objects.requireNonNull(raw, "raw");
            if (!raw.contains(REQUESTING) || HandshakeCodec.stampTime(raw) != null) {
                throw new IllegalArgumentException("raw: not a Requesting value without a time: " + raw);
            }
        }
    }

    /**
     * A vendor agent's reply, {@code Reported} followed by its own detail: Ascend
     * {@code Reported_2025.01.02 03:04:05}, Hygon {@code Reported 2025-01-02 03:04:05.123 +0800 CST m=+1.2}.
     *
     * @param detail everything after {@code Reported}, separator included
     */
    record Reported(String detail) implements Handshake {

        /** The keyword the value starts with. */
        public static final String PREFIX = "Reported";

        /** @throws IllegalArgumentException when the value would contain {@code Requesting} */
        public Reported {
            Objects.requireNonNull(detail, "detail");
            if ((PREFIX + detail).contains(REQUESTING)) {
                throw new IllegalArgumentException("detail: contains " + REQUESTING + ": " + detail);
            }
        }
    }

    /**
     * The clean-up mark of HAMi schedulers before v2.10, {@code Deleted_<time>}.
     *
     * @param detail everything after {@code Deleted}, separator included
     */
    record Deleted(String detail) implements Handshake {

        /** The keyword the value starts with. */
        public static final String PREFIX = "Deleted";

        /** @throws IllegalArgumentException when the value would contain {@code Requesting} */
        public Deleted {
            Objects.requireNonNull(detail, "detail");
            if ((PREFIX + detail).contains(REQUESTING)) {
                throw new IllegalArgumentException("detail: contains " + REQUESTING + ": " + detail);
            }
        }
    }

    /**
     * Any other value, including the empty one (which HAMi treats like an absent annotation).
     *
     * @param raw the value as read
     */
    record Other(String raw) implements Handshake {

        /** @throws IllegalArgumentException when {@code raw} would decode as another variant */
        public Other {
            Objects.requireNonNull(raw, "raw");
            if (raw.contains(REQUESTING) || raw.startsWith(Reported.PREFIX) || raw.startsWith(Deleted.PREFIX)) {
                throw new IllegalArgumentException("raw: decodes as another handshake state: " + raw);
            }
        }
    }
}
