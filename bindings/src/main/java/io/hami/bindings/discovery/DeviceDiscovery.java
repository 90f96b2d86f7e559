package io.hami.bindings.discovery;

import java.util.List;
import java.util.Map;

/**
 * One vendor library's devices, as every consumer wants them (the {@code hami devices} command, the device
 * plugin's sources). Implementations initialise the library for the call and shut it down after, counting
 * sessions with whoever else holds the library open. Thread-safe.
 */
public interface DeviceDiscovery {

    /** Whose devices these are. */
    DeviceVendor vendor();

    /** The library as it was opened (a name or a path). */
    String library();

    /** The API of that library: the vendor's preferred one ({@link DeviceVendor#api()}) unless it is a fallback. */
    default String apiName() {
        return vendor().api();
    }

    /**
     * Every device in the library's order. A device whose calls fail is listed unhealthy with what could be read
     * and its problems; the others are listed as usual.
     *
     * @throws DiscoveryException when the library cannot list at all (init or the device count fails)
     */
    List<DiscoveredDevice> discover();

    /**
     * The versions the library reports, each under what it is the version of ({@code driver}, {@code library}), in
     * the order read; empty where our binding of the library reads none.
     *
     * @throws DiscoveryException when the library cannot start or a version call fails
     */
    default Map<String, String> versions() {
        return Map.of();
    }
}
