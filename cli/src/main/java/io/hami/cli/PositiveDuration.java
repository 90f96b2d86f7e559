package io.hami.cli;

import io.hami.model.annotation.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A flag that takes a positive Go duration ({@code 500ms}, {@code 30s}, {@code 1h30m}), as every daemon's flags do. */
public final class PositiveDuration implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration d;
        try {
            d = GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage() + " (a Go duration such as 500ms, 30s or 1h30m)");
        }
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("the duration must be positive: " + value);
        }
        return d;
    }
}
