package io.hami.bindings.discovery;

import io.hami.bindings.ffm.NativeCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The survey every vendor's discovery runs, written once: hold a session on the library, read the device
 * count, and for each device get its handle and let the vendor read its facts into a {@link DeviceFacts}. A
 * device whose handle cannot be had is listed with its problem and nothing else. Failures of the session or
 * the count become a {@link DiscoveryException} naming the vendor, the library and the call.
 *
 * @param <H> how the library addresses a device: a pointer, an int handle, a card/device pair, an index
 */
public abstract class LibraryDiscovery<H> implements DeviceDiscovery {

    private final DeviceVendor vendor;
    private final String library;

    protected LibraryDiscovery(DeviceVendor vendor, String library) {
        this.vendor = vendor;
        this.library = library;
    }

    @Override
    public final DeviceVendor vendor() {
        return vendor;
    }

    @Override
    public final String library() {
        return library;
    }

    /** A session on the library: initialised when none is open. Throws a {@link NativeCallException} when init fails. */
    protected abstract AutoCloseable session();

    /** The number of devices. */
    protected abstract int deviceCount();

    /** The device at {@code index}, as later calls address it. */
    protected abstract H device(int index);

    /** Reads the device's facts; each through {@code facts}, so that a failure costs one fact. */
    protected abstract void describe(int index, H device, DeviceFacts facts);

    @Override
    public final List<DiscoveredDevice> discover() {
        try (var _ = session()) {
            return survey();
        } catch (NativeCallException e) {
            throw new DiscoveryException(vendor, library, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing a " + vendor.api() + " session failed", e);
        }
    }

    /**
     * The devices, within a session the caller holds.
     *
     * @throws NativeCallException when the device count cannot be read
     */
    public final List<DiscoveredDevice> survey() {
        int count = deviceCount();
        var out = new ArrayList<DiscoveredDevice>(count);
        for (int i = 0; i < count; i++) {
            var facts = new DeviceFacts(vendor, i);
            final int index = i;
            Optional<H> device = facts.read(() -> device(index));
            device.ifPresent(d -> describe(index, d, facts));
            out.add(facts.device());
        }
        return List.copyOf(out);
    }
}
