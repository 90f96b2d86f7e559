package io.hami.model.quantity;

import io.hami.model.wire.WireFormatException;

import java.util.Objects;

/**
 * Reads the three kinds of numbers a vendor's extended resources carry: a device count, a memory amount in
 * the vendor's unit, and a percentage. Each takes the resource name for its error messages, e.g.
 * {@code quantity: nvidia.com/gpumem: looks like bytes, not MiB (at most 2147483647): "16Gi"}.
 *
 * <p>HAMi reads all three through {@code AsInt64()} (see {@link Quantity#asExactLong()}), so fractions are
 * refused. Memory is the count of the vendor's unit: MiB for NVIDIA, Hygon and Ascend, 256 MiB for Cambricon
 * and Iluvatar, 512 MiB for Moore Threads, or a {@code memoryFactor} from the device config. HAMi stores MiB
 * in 32-bit integers and refuses any amount above 2147483647 divided by the unit, which is how a value written
 * in bytes ({@code 16Gi}) is told apart from MiB.
 */
public final class VendorQuantities {

    private VendorQuantities() {
    }

    /**
     * A device count: a whole number from 0 to 2147483647.
     *
     * @param resource the resource name, for error messages
     */
    public static int count(String resource, Quantity quantity) throws WireFormatException {
        long n = wholeNumber(resource, quantity);
        if (n < 0) {
            throw error(resource, "must not be negative", quantity);
        }
        if (n > Integer.MAX_VALUE) {
            throw error(resource, "more than " + Integer.MAX_VALUE + " devices", quantity);
        }
        return (int) n;
    }

    /**
     * A memory amount in MiB: the quantity counts units of {@code unitMiB} MiB and must be a whole number from 0
     * to {@code 2147483647 / unitMiB}; the result is that number times {@code unitMiB}.
     *
     * @param resource the resource name, for error messages
     * @param unitMiB  MiB per unit of the resource, at least 1 (HAMi's {@code memoryFactor}; 0 reads as 1, as
     *                 HAMi's {@code max(memoryFactor, 1)} does)
     */
    public static int memoryMiB(String resource, Quantity quantity, int unitMiB) throws WireFormatException {
        if (unitMiB < 0) {
            throw new IllegalArgumentException("unitMiB must not be negative: " + unitMiB);
        }
        int unit = Math.max(unitMiB, 1);
        long n = wholeNumber(resource, quantity);
        if (n < 0) {
            throw error(resource, "must not be negative", quantity);
        }
        long limit = Integer.MAX_VALUE / unit;
        if (n > limit) {
            String units = unit == 1 ? "MiB" : "units of " + unit + " MiB";
            throw error(resource, "looks like bytes, not " + units + " (at most " + limit + ")", quantity);
        }
        return (int) (n * unit);
    }

    /**
     * A percentage: a whole number from 0 to 100.
     *
     * @param resource the resource name, for error messages
     */
    public static int percentage(String resource, Quantity quantity) throws WireFormatException {
        long n = wholeNumber(resource, quantity);
        if (n < 0 || n > 100) {
            throw error(resource, "must be between 0 and 100", quantity);
        }
        return (int) n;
    }

    private static long wholeNumber(String resource, Quantity quantity) throws WireFormatException {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(quantity, "quantity");
        var n = quantity.asExactLong();
        if (n.isEmpty()) {
            boolean fraction = quantity.value().stripTrailingZeros().scale() > 0;
            throw error(resource, fraction ? "not a whole number" : "too large", quantity);
        }
        return n.getAsLong();
    }

    private static WireFormatException error(String resource, String problem, Quantity quantity) {
        return new WireFormatException(Quantity.FORMAT, resource, problem, quantity.text());
    }
}
