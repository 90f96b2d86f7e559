package io.hami.model.annotation;

import io.hami.model.wire.WireFormatException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.Duration} text, as HAMi's flags and {@code HAMI_NODELOCK_EXPIRE} take it: a sequence of decimal
 * numbers with units ({@code 5m}, {@code 1h30m}, {@code 1.5s}, {@code 300ms}), an optional sign, or a bare {@code 0};
 * and {@code Duration.String()} for messages ({@code 5m0s}, {@code 2m0s}, {@code 28s}).
 */
public final class GoDuration {

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
            "μs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * Parses Go duration text.
     *
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text);
        }
        int i = 0;
        boolean negative = false;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (text.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == text.length()) {
            throw invalid(text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            String number = text.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            Long unit = NANOS_PER_UNIT.get(text.substring(unitStart, i));
            if (unit == null) {
                throw invalid(text);
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text);
        }
        long n = nanos.longValue();
        return Duration.ofNanos(negative ? -n : n);
    }

    /**
     * Go's {@code Duration.String()}: {@code 5m0s}, {@code 1h0m0s}, {@code 1.5s}, and below a second the largest of
     * {@code ms}, {@code µs} and {@code ns} that keeps a digit before the point ({@code 100ms}, {@code 1.5µs},
     * {@code 1ns}), so that a message shows the value that was given, not a rounded one.
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        String sign = d.isNegative() ? "-" : "";
        Duration a = d.abs();
        if (a.compareTo(Duration.ofSeconds(1)) < 0) {
            long n = a.toNanos();
            if (n < 1_000) {
                return sign + n + "ns";
            }
            return sign + BigDecimal.valueOf(n, n < 1_000_000 ? 3 : 6).stripTrailingZeros().toPlainString()
                    + (n < 1_000_000 ? "µs" : "ms");
        }
        long h = a.toHours();
        int m = a.toMinutesPart();
        String seconds = a.toSecondsPart() + (a.toNanosPart() == 0 ? ""
                : BigDecimal.valueOf(a.toNanosPart(), 9).stripTrailingZeros().toPlainString().substring(1)) + "s";
        if (h > 0) {
            return sign + h + "h" + m + "m" + seconds;
        }
        if (m > 0) {
            return sign + m + "m" + seconds;
        }
        return sign + seconds;
    }

    private static IllegalArgumentException invalid(String text) {
        // quoted as Go quotes it, control characters escaped so that the message stays one line
        return new IllegalArgumentException("time: invalid duration " + WireFormatException.quote(text));
    }
}
