package io.hami.cli.deviceplugin;

import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as operators write them: {@code 500ms}, {@code 30s}, {@code 5m}. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(ms|s|m)");

    @Override
    public Duration convert(String value) {
        var m = FORM.matcher(value);
        if (!m.matches()) {
            throw new TypeConversionException("expected a duration such as 500ms, 30s or 5m: " + value);
        }
        long n = Long.parseLong(m.group(1));
        var d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero()) {
            throw new TypeConversionException("the duration must be positive: " + value);
        }
        return d;
    }
}
