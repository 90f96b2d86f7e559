package io.hami.bindings.discovery;

/**
 * A vendor library cannot list devices at all: it cannot be opened, is not what its name says, or its init or
 * device count fails. The message names the vendor, the API, the library and the call:
 * {@code Cambricon CNDEV not available: libcndev.so: cndevInit failed: NO_DRIVER (1)}.
 */
public final class DiscoveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DeviceVendor vendor;
    private final String library;

    /** @param why what went wrong, e.g. a failed call's message; the library is prefixed unless it starts with it */
    public DiscoveryException(DeviceVendor vendor, String library, String why, Throwable cause) {
        super(vendor.displayName() + " " + vendor.api() + " not available: "
                + (why.startsWith(library + ":") ? why : library + ": " + why), cause);
        this.vendor = vendor;
        this.library = library;
    }

    /** Whose library failed. */
    public DeviceVendor vendor() {
        return vendor;
    }

    /** The library as it was opened. */
    public String library() {
        return library;
    }
}
