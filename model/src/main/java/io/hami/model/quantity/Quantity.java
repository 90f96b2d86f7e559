package io.hami.model.quantity;

import io.hami.model.wire.WireFormatException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A Kubernetes resource quantity ({@code 2}, {@code 1500m}, {@code 16Gi}, {@code 1e3}), held as an exact decimal.
 *
 * <p>Grammar accepted by {@link #parse}: an optional sign, one or more ASCII digits, optionally a point followed
 * by one or more digits, then a suffix: none, a decimal SI suffix ({@code n u m k M G T P E}), a binary suffix
 * ({@code Ki Mi Gi Ti Pi Ei}) or a decimal exponent ({@code e} or {@code E}, an optional sign and digits).
 * This is stricter than Kubernetes, which also takes {@code 1.} and {@code .5}; the API server rewrites those
 * into canonical form before any HAMi component sees them, so nothing valid is lost.
 *
 * <p>Like Kubernetes' {@code ParseQuantity}, a non-zero value is rounded away from zero to a multiple of
 * 10<sup>-9</sup> (so {@code 1e-12} reads as {@code 1n}), and a binary-suffixed value larger than
 * 2<sup>63</sup>-1 is capped there ({@code 8Ei} reads as 9223372036854775807).
 *
 * <p>Hostile input stays cheap: the text is at most {@value #MAX_LENGTH} characters and a decimal exponent at
 * most {@value #MAX_EXPONENT} in magnitude, so no value or canonical string grows beyond a few kilobytes.
 *
 * <p>Two quantities are equal when their values are equal, whatever their text or format ({@code 1Gi} equals
 * {@code 1073741824}), as Kubernetes compares them.
 */
public final class Quantity implements Comparable<Quantity> {

    /** The wire format name used in error messages. */
    public static final String FORMAT = "quantity";
    /** Longest text {@link #parse} reads. */
    public static final int MAX_LENGTH = 256;
    /** Largest magnitude of a decimal exponent ({@code 1e1000}). */
    public static final int MAX_EXPONENT = 1000;

    private static final int NANO_SCALE = 9;
    private static final BigDecimal ONE_NANO = BigDecimal.ONE.movePointLeft(NANO_SCALE);
    private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal BINARY_THRESHOLD = BigDecimal.valueOf(1024);
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private final String text;
    private final BigDecimal value;
    private final QuantityFormat format;

    private Quantity(String text, BigDecimal value, QuantityFormat format) {
        this.text = text;
        this.value = value;
        this.format = format;
    }

    /** Parses a quantity; errors name the field {@code value}. */
    public static Quantity parse(String text) throws WireFormatException {
        return parse("value", text);
    }

    /**
     * Parses a quantity.
     *
     * @param field where the text came from, for error messages, e.g. {@code nvidia.com/gpumem}
     * @param text  the quantity as written
     * @throws WireFormatException if the text does not follow the grammar
     */
    public static Quantity parse(String field, String text) throws WireFormatException {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new WireFormatException(FORMAT, field, "empty", text);
        }
        if (text.length() > MAX_LENGTH) {
            throw new WireFormatException(FORMAT, field, "longer than " + MAX_LENGTH + " characters", text);
        }
        int pos = 0;
        boolean negative = false;
        if (text.charAt(0) == '+' || text.charAt(0) == '-') {
            negative = text.charAt(0) == '-';
            pos = 1;
        }
        int intStart = pos;
        pos = skipDigits(text, pos);
        if (pos == intStart) {
            throw new WireFormatException(FORMAT, field, "expected a number", text);
        }
        String digits = text.substring(intStart, pos);
        int fractionDigits = 0;
        if (pos < text.length() && text.charAt(pos) == '.') {
            int fracStart = ++pos;
            pos = skipDigits(text, pos);
            if (pos == fracStart) {
                throw new WireFormatException(FORMAT, field, "expected digits after the decimal point", text);
            }
            fractionDigits = pos - fracStart;
            digits += text.substring(fracStart, pos);
        }
        QuantitySuffix suffix = QuantitySuffix.parse(field, text, text.substring(pos));
        BigDecimal magnitude = new BigDecimal(new BigInteger(digits), fractionDigits);
        if (suffix.format() == QuantityFormat.BINARY_SI) {
            magnitude = magnitude.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(suffix.exponent())));
        } else {
            magnitude = magnitude.scaleByPowerOfTen(suffix.exponent());
        }
        magnitude = roundUpToNano(magnitude);
        QuantityFormat format = suffix.format();
        if (format == QuantityFormat.BINARY_SI) {
            if (magnitude.compareTo(MAX_BINARY) > 0) {
                magnitude = MAX_BINARY;
            }
            if (magnitude.signum() > 0 && magnitude.compareTo(BigDecimal.ONE) < 0) {
                format = QuantityFormat.DECIMAL_SI;
            }
        }
        return new Quantity(text, negative ? magnitude.negate() : magnitude, format);
    }

    private static int skipDigits(String text, int pos) {
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos;
    }

    private static BigDecimal roundUpToNano(BigDecimal magnitude) {
        if (magnitude.signum() == 0 || magnitude.scale() <= NANO_SCALE) {
            return magnitude;
        }
        // precision - scale is the number of digits before the point; at -9 or less the value is below 1n,
        // and setScale would divide by a power of ten as large as the exponent the text asked for.
        if (magnitude.precision() - magnitude.scale() <= -NANO_SCALE) {
            return ONE_NANO;
        }
        return magnitude.setScale(NANO_SCALE, RoundingMode.UP);
    }

    /** The text as given to {@link #parse}. */
    public String text() {
        return text;
    }

    /** The exact value (after rounding to nano units and the binary cap described above). */
    public BigDecimal value() {
        return value;
    }

    /** The format the suffix selected; it decides the canonical text. */
    public QuantityFormat format() {
        return format;
    }

    /**
     * The value as a {@code long}, when it is an integer that fits: {@code 1k} is 1000, {@code 1Gi} is
     * 1073741824, {@code 2000m} is 2, while {@code 0.5} and {@code 1500m} have none.
     *
     * <p>This is the meaning HAMi gives Go's {@code Quantity.AsInt64()}. Go also answers "no" for some exact
     * integers written in non-canonical form ({@code 0.5Ki}, or 19 significant digits), because it only
     * answers from its fast path; the API server hands HAMi canonical text, where the two agree below 10<sup>18</sup>.
     */
    public OptionalLong asExactLong() {
        if (value.signum() == 0) {
            return OptionalLong.of(0);
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 0 || stripped.precision() - stripped.scale() > 19) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(stripped.longValueExact());
        } catch (ArithmeticException tooLarge) {
            return OptionalLong.empty();
        }
    }

    /**
     * The Kubernetes canonical text: {@code 1000} becomes {@code 1k}, {@code 1024Mi} becomes {@code 1Gi},
     * {@code 0.5} becomes {@code 500m}, {@code 1500e0} becomes {@code 1500}; zero is {@code 0}. Binary values
     * below 1024 or with a fraction are written in decimal SI, as Kubernetes does. Decimal SI values of
     * 10<sup>21</sup> and more keep the {@code E} suffix with a longer number ({@code 1000E}).
     */
    public String canonical() {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal abs = value.abs();
        String sign = value.signum() < 0 ? "-" : "";
        if (format == QuantityFormat.BINARY_SI && abs.compareTo(BINARY_THRESHOLD) >= 0
                && abs.stripTrailingZeros().scale() <= 0) {
            return sign + binary(abs.toBigIntegerExact());
        }
        return sign + decimal(abs, format == QuantityFormat.DECIMAL_EXPONENT);
    }

    private static String binary(BigInteger n) {
        int power = 0;
        while (power < BINARY_SUFFIXES.length - 1 && n.getLowestSetBit() >= 10) {
            n = n.shiftRight(10);
            power++;
        }
        return n + BINARY_SUFFIXES[power];
    }

    private static String decimal(BigDecimal abs, boolean exponentForm) {
        BigDecimal stripped = abs.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        int remainder = Math.floorMod(exponent, 3);
        if (remainder != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN.pow(remainder));
            exponent -= remainder;
        }
        if (exponentForm) {
            return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
        }
        if (exponent > QuantitySuffix.LARGEST_DECIMAL_EXPONENT) {
            mantissa = mantissa.multiply(BigInteger.TEN.pow(exponent - QuantitySuffix.LARGEST_DECIMAL_EXPONENT));
            exponent = QuantitySuffix.LARGEST_DECIMAL_EXPONENT;
        }
        return mantissa + QuantitySuffix.decimalSuffix(exponent);
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity other && value.compareTo(other.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    /** The canonical text. */
    @Override
    public String toString() {
        return canonical();
    }
}
