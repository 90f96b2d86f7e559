package io.hami.model.quantity;

/**
 * How a {@link Quantity} is written, chosen by the suffix it was parsed with, as in Kubernetes.
 *
 * <p>The format decides only the canonical text: {@code 1Gi} stays binary ({@code 1Gi}), {@code 1G}
 * stays decimal ({@code 1G}) and {@code 1e9} keeps an exponent ({@code 1e9}); the three values differ,
 * but {@code 1024Mi} and {@code 1073741824} are the same value in two formats.
 */
public enum QuantityFormat {
    /** No suffix or one of {@code n u m k M G T P E}: powers of 1000. */
    DECIMAL_SI,
    /** One of {@code Ki Mi Gi Ti Pi Ei}: powers of 1024. */
    BINARY_SI,
    /** {@code e} or {@code E} followed by a signed integer: powers of ten. */
    DECIMAL_EXPONENT
}
