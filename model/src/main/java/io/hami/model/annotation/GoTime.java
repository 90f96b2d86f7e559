package io.hami.model.annotation;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;

/**
 * The two Go time layouts HAMi writes into annotations, parsed and formatted with Go's rules.
 *
 * <ul>
 *   <li>{@code time.RFC3339} ({@code 2006-01-02T15:04:05Z07:00}), the node lock. Parsing follows Go's
 *       RFC 3339 fast path: fixed-width fields, {@code T}, an optional {@code .digits} fraction, then
 *       {@code Z} or {@code ±hh:mm}. Go's slower fallback also takes a one-digit hour, a comma before the
 *       fraction and offsets up to 24 h; no HAMi writer produces those, and we reject them.</li>
 *   <li>{@code time.DateTime} ({@code 2006-01-02 15:04:05}), the handshake, in local time. Parsing follows
 *       Go's general layout parser, leniencies included: the hour may have one digit, the space may be a
 *       run of spaces, and a {@code .digits} or {@code ,digits} fraction may follow the seconds.</li>
 * </ul>
 *
 * <p>Fractions are accepted and dropped: both layouts format whole seconds, so values are kept at that
 * precision. Failures are reported as {@link IllegalArgumentException} whose message is the problem.
 */
final class GoTime {

    static final String RFC3339_PROBLEM = "not an RFC 3339 timestamp like 2006-01-02T15:04:05Z07:00";
    static final String DATETIME_PROBLEM = "not a local time like 2006-01-02 15:04:05";
    private static final int MAX_JAVA_OFFSET_SECONDS = 18 * 3600;

    private GoTime() {
    }

    /** Parses Go {@code time.RFC3339}; the result is truncated to whole seconds. */
    static OffsetDateTime parseRfc3339(String s) {
        if (s.length() < 20) {
            throw new IllegalArgumentException(RFC3339_PROBLEM);
        }
        int year = fixed(s, 0, 4, 0, 9999, RFC3339_PROBLEM);
        int month = fixed(s, 5, 2, 1, 12, RFC3339_PROBLEM);
        int day = fixed(s, 8, 2, 1, 31, RFC3339_PROBLEM);
        int hour = fixed(s, 11, 2, 0, 23, RFC3339_PROBLEM);
        int minute = fixed(s, 14, 2, 0, 59, RFC3339_PROBLEM);
        int second = fixed(s, 17, 2, 0, 59, RFC3339_PROBLEM);
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || day > daysIn(month, year)) {
            throw new IllegalArgumentException(RFC3339_PROBLEM);
        }
        int pos = skipFraction(s, 19, false);
        ZoneOffset offset = rfc3339Offset(s, pos);
        return OffsetDateTime.of(year, month, day, hour, minute, second, 0, offset);
    }

    private static ZoneOffset rfc3339Offset(String s, int pos) {
        int left = s.length() - pos;
        if (left == 1 && s.charAt(pos) == 'Z') {
            return ZoneOffset.UTC;
        }
        char sign = left == 6 ? s.charAt(pos) : '?';
        if (sign != '+' && sign != '-' || s.charAt(pos + 3) != ':') {
            throw new IllegalArgumentException(RFC3339_PROBLEM);
        }
        int hours = fixed(s, pos + 1, 2, 0, 23, RFC3339_PROBLEM);
        int minutes = fixed(s, pos + 4, 2, 0, 59, RFC3339_PROBLEM);
        int seconds = (hours * 60 + minutes) * 60;
        if (seconds > MAX_JAVA_OFFSET_SECONDS) {
            throw new IllegalArgumentException("UTC offset beyond ±18:00 is not supported");
        }
        return ZoneOffset.ofTotalSeconds(sign == '-' ? -seconds : seconds);
    }

    /** Formats Go {@code time.RFC3339}: whole seconds, {@code Z} for a zero offset. */
    static String formatRfc3339(OffsetDateTime t) {
        var sb = new StringBuilder(25);
        appendDate(sb, t.getYear(), t.getMonthValue(), t.getDayOfMonth()).append('T');
        appendTime(sb, t.getHour(), t.getMinute(), t.getSecond());
        int offset = t.getOffset().getTotalSeconds();
        if (offset == 0) {
            return sb.append('Z').toString();
        }
        int abs = Math.abs(offset);
        sb.append(offset < 0 ? '-' : '+');
        return pad2(pad2(sb, abs / 3600).append(':'), abs / 60 % 60).toString();
    }

    /** Parses Go {@code time.DateTime} as Go's general parser does; the result is truncated to whole seconds. */
    static LocalDateTime parseDateTime(String s) {
        if (s.length() < 4 || !GoText.isAsciiDigit(s.charAt(0))) {
            throw new IllegalArgumentException(DATETIME_PROBLEM);
        }
        int year = fixed(s, 0, 4, 0, 9999, DATETIME_PROBLEM);
        expect(s, 4, '-');
        int month = fixed(s, 5, 2, 1, 12, DATETIME_PROBLEM);
        expect(s, 7, '-');
        int day = fixed(s, 8, 2, 1, 31, DATETIME_PROBLEM);
        expect(s, 10, ' ');
        int pos = 11;
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
        int hourDigits = pos + 1 < s.length() && GoText.isAsciiDigit(s.charAt(pos + 1)) ? 2 : 1;
        int hour = fixed(s, pos, hourDigits, 0, 23, DATETIME_PROBLEM);
        pos += hourDigits;
        expect(s, pos, ':');
        int minute = fixed(s, pos + 1, 2, 0, 59, DATETIME_PROBLEM);
        expect(s, pos + 3, ':');
        int second = fixed(s, pos + 4, 2, 0, 59, DATETIME_PROBLEM);
        pos = skipFraction(s, pos + 6, true);
        if (pos != s.length() || day > daysIn(month, year)) {
            throw new IllegalArgumentException(DATETIME_PROBLEM);
        }
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }

    /** Formats Go {@code time.DateTime}. */
    static String formatDateTime(LocalDateTime t) {
        var sb = new StringBuilder(19);
        appendDate(sb, t.getYear(), t.getMonthValue(), t.getDayOfMonth()).append(' ');
        return appendTime(sb, t.getHour(), t.getMinute(), t.getSecond()).toString();
    }

    /** Skips a fraction ({@code .digits}, or {@code ,digits} when allowed) at {@code pos}, if there is one. */
    private static int skipFraction(String s, int pos, boolean commaToo) {
        if (pos + 1 < s.length() && (s.charAt(pos) == '.' || commaToo && s.charAt(pos) == ',')
                && GoText.isAsciiDigit(s.charAt(pos + 1))) {
            pos += 2;
            while (pos < s.length() && GoText.isAsciiDigit(s.charAt(pos))) {
                pos++;
            }
        }
        return pos;
    }

    private static int fixed(String s, int from, int width, int min, int max, String problem) {
        if (!GoText.allDigits(s, from, from + width)) {
            throw new IllegalArgumentException(problem);
        }
        int value = Integer.parseInt(s, from, from + width, 10);
        if (value < min || value > max) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    private static void expect(String s, int pos, char c) {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw new IllegalArgumentException(DATETIME_PROBLEM);
        }
    }

    private static int daysIn(int month, int year) {
        return java.time.Month.of(month).length(Year.isLeap(year));
    }

    private static StringBuilder appendDate(StringBuilder sb, int year, int month, int day) {
        sb.append(year / 1000).append(year / 100 % 10).append(year / 10 % 10).append(year % 10).append('-');
        return pad2(pad2(sb, month).append('-'), day);
    }

    private static StringBuilder appendTime(StringBuilder sb, int hour, int minute, int second) {
        return pad2(pad2(pad2(sb, hour).append(':'), minute).append(':'), second);
    }

    private static StringBuilder pad2(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
