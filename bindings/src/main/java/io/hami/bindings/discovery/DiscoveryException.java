package io.hami.bindings.discovery;

/**
 * A vendor library cannot list devices at all: it cannot be opened, is not what its name says, or its init or
 * device count fails. The message names the vendor, the API, the library and the call:
 * {@code Cambricon CNDEV not available: libcndev.so: cndevInit failed: NO_DRIVER (1)}; every API the vendor has
 * where the library could be any of them ({@code Cambricon CNDEV or CNRT not available: ...}).
 */
public final class DiscoveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DeviceVendor vendor;
    private final String library;

    /** @param why what went wrong, e.g. a failed call's message; the library is prefixed unless it starts with it */
    public DiscoveryException(DeviceVendor vendor, String library, String why, Throwable cause) {
        this(vendor, vendor.api(), library, why, cause);
    }

    /**
     * The failure of one of the vendor's sources, or of the vendor as a whole.
     *
     * @param api the API in the message: the source's ({@code CNRT}), or {@link DeviceVendor#apiNames()} when it
     *            is not known which of the vendor's libraries {@code library} is
     */
    public DiscoveryException(DeviceVendor vendor, String api, String library, String why, Throwable cause) {
        super(vendor.displayName() + " " + api + " not available: "
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
