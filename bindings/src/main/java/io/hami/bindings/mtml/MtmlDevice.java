package io.hami.bindings.mtml;

/**
 * An MTML device object ({@code MtmlDevice *}), valid until the library is shut down; the binding frees it
 * then. Obtain one from {@link MtmlApi#device(int)}; never make one up.
 *
 * @param handle the pointer value, as the library returned it
 */
public record MtmlDevice(long handle) {
    @Override
    public String toString() {
        return "MtmlDevice[0x" + Long.toHexString(handle) + "]";
    }
}
