package io.hami.model.quantity;

import io.hami.model.wire.WireFormatException;

/**
 * The suffix of a quantity: its format and the power it stands for (of two for binary suffixes, of ten otherwise).
 */
record QuantitySuffix(QuantityFormat format, int exponent) {

    /** The power of ten of {@code E}, the largest decimal SI suffix. */
    static final int LARGEST_DECIMAL_EXPONENT = 18;

    private static final String KNOWN = "n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>";

    static QuantitySuffix parse(String field, String text, String suffix) throws WireFormatException {
        return switch (suffix) {
            case "" -> decimal(0);
            case "n" -> decimal(-9);
            case "u" -> decimal(-6);
            case "m" -> decimal(-3);
            case "k" -> decimal(3);
            case "M" -> decimal(6);
            case "G" -> decimal(9);
            case "T" -> decimal(12);
            case "P" -> decimal(15);
            case "E" -> decimal(18);
            case "Ki" -> binary(10);
            case "Mi" -> binary(20);
            case "Gi" -> binary(30);
            case "Ti" -> binary(40);
            case "Pi" -> binary(50);
            case "Ei" -> binary(60);
            default -> exponent(field, text, suffix);
        };
    }

    /** The decimal SI suffix for a power of ten that is a multiple of three between -9 and 18. */
    static String decimalSuffix(int exponent) {
        return switch (exponent) {
            case -9 -> "n";
            case -6 -> "u";
            case -3 -> "m";
            case 0 -> "";
            case 3 -> "k";
            case 6 -> "M";
            case 9 -> "G";
            case 12 -> "T";
            case 15 -> "P";
            case 18 -> "E";
            default -> throw new IllegalArgumentException("no decimal SI suffix for 10^" + exponent);
        };
    }

    private static QuantitySuffix decimal(int exponent) {
        return new QuantitySuffix(QuantityFormat.DECIMAL_SI, exponent);
    }

    private static QuantitySuffix binary(int exponent) {
        return new QuantitySuffix(QuantityFormat.BINARY_SI, exponent);
    }

    private static QuantitySuffix exponent(String field, String text, String suffix) throws WireFormatException {
        if (suffix.length() < 2 || (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E')) {
            throw unknown(field, text);
        }
        int pos = 1;
        boolean negative = false;
        if (suffix.charAt(pos) == '+' || suffix.charAt(pos) == '-') {
            negative = suffix.charAt(pos) == '-';
            pos++;
        }
        if (pos == suffix.length()) {
            throw unknown(field, text);
        }
        int value = 0;
        for (int i = pos; i < suffix.length(); i++) {
            char c = suffix.charAt(i);
            if (c < '0' || c > '9') {
                throw unknown(field, text);
            }
            value = value * 10 + (c - '0');
            if (value > Quantity.MAX_EXPONENT) {
                throw new WireFormatException(Quantity.FORMAT, field,
                        "exponent beyond ±" + Quantity.MAX_EXPONENT, text);
            }
        }
        return new QuantitySuffix(QuantityFormat.DECIMAL_EXPONENT, negative ? -value : value);
    }

    private static WireFormatException unknown(String field, String text) {
        return new WireFormatException(Quantity.FORMAT, field, "unknown suffix (expected " + KNOWN + ")", text);
    }
}
