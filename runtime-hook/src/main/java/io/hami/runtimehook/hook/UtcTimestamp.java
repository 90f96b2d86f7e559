package io.hami.runtimehook.hook;

/**
 * A moment as ISO-8601 in UTC, as {@link java.time.Instant#toString()} writes one of millisecond precision
 * ({@code 2026-11-28T12:00:00Z}, {@code 2026-11-28T12:00:00.250Z}), for years 0 to 9999. Written by hand: the hook's
 * record is made on every GPU container start, in a JVM started for it, where {@code java.time}'s formatter costs
 * about fifty classes more than the rest of the record.
 */
public final class UtcTimestamp {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private UtcTimestamp() {
    }

    /** {@code epochMillis} (milliseconds since 1970-01-01T00:00:00Z) as ISO-8601 in UTC. */
    public static String of(long epochMillis) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        long ms = Math.floorMod(epochMillis, MILLIS_PER_DAY);
        // Days to a civil date (proleptic Gregorian), after Howard Hinnant's days_from_civil inverse.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " is outside 0..9999");
        }
        var sb = new StringBuilder(24);
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2).append('T');
        pad(sb, ms / 3_600_000, 2).append(':');
        pad(sb, ms / 60_000 % 60, 2).append(':');
        pad(sb, ms / 1000 % 60, 2);
        if (ms % 1000 != 0) {
            pad(sb.append('.'), ms % 1000, 3);
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder sb, long value, int width) {
        var digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }
}
