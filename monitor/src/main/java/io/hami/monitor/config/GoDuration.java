package io.hami.monitor.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} text, which HAMi's {@code HAMI_RESYNC_INTERVAL} uses: a sequence of decimal
 * numbers, each with a unit ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}),
 * e.g. {@code 5m}, {@code 1h30m}, {@code 1.5s}. A lone {@code 0} is zero. Negative durations are rejected: no
 * interval of the monitor may be negative.
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text when it is not a Go duration
     */
    public static Duration parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("not a duration (e.g. 5m, 90s, 1h30m): empty");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        var matcher = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < text.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw new IllegalArgumentException("not a duration (e.g. 5m, 90s, 1h30m): " + text);
            }
            nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unitNanos(matcher.group(2)))));
            at = matcher.end();
        }
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration out of range: " + text);
        }
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }
}
