package io.hami.bindings.discovery;

import io.hami.bindings.ffm.NativeCallException;
import io.hami.bindings.ffm.SessionCounter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The survey every vendor's discovery runs, written once: hold a session on the library, read the device
 * count, and for each device get its handle and let the vendor read its facts into a {@link DeviceFacts}. A
 * device whose handle cannot be had is listed with its problem and nothing else. Failures of the session or
 * the count become a {@link DiscoveryException} naming the vendor, the library and the call.
 *
 * <p>Sessions are counted here too ({@link #start()}): the vendor gives its init and shutdown, and facades that
 * extend this class hand the same sessions to their callers; NUMA nodes a library does not know are read from
 * sysfs ({@link #numa}).
 *
 * @param <H> how the library addresses a device: a pointer, an int handle, a card/device pair, an index
 */
public abstract class LibraryDiscovery<H> implements DeviceDiscovery {

    private final DeviceVendor vendor;
    private final String library;
    private final SessionCounter sessions;
    private final SysfsNuma sysfs;
    private final SysfsDrm drm;

    /**
     * A discovery whose sessions this class counts.
     *
     * @param init      initialises the library, throwing a {@link NativeCallException} when it fails
     * @param shutdown  shuts it down; null for a library without a shutdown
     * @param sysfsRoot where sysfs is read for NUMA nodes (normally {@code /sys})
     */
    protected LibraryDiscovery(DeviceVendor vendor, String library, Runnable init, Runnable shutdown, Path sysfsRoot) {
        this.vendor = vendor;
        this.library = library;
        this.sessions = new SessionCounter(init, shutdown);
        this.sysfs = new SysfsNuma(sysfsRoot);
        this.drm = new SysfsDrm(sysfsRoot);
    }

    /** A discovery that holds its sessions elsewhere: it overrides {@link #session()}. */
    protected LibraryDiscovery(DeviceVendor vendor, String library) {
        this.vendor = vendor;
        this.library = library;
        this.sessions = null;
        this.sysfs = new SysfsNuma(Path.of("/sys"));
        this.drm = new SysfsDrm(Path.of("/sys"));
    }

    /**
     * A hold on the initialised library; the last one closed shuts it down.
     *
     * @throws NativeCallException when the library's init fails
     */
    public SessionCounter.Hold start() {
        if (sessions == null) {
            throw new IllegalStateException(apiName() + " sessions are held by its own facade");
        }
        return sessions.start();
    }

    /** The NUMA node as the library tells it, else as sysfs tells it for the PCI address; null when neither knows. */
    protected final Integer numa(Optional<Integer> fromLibrary, Optional<PciAddress> address) {
        return sysfs.node(fromLibrary, address);
    }

    /** The DRM nodes sysfs lists for the PCI address; empty when it lists none or the address is unknown. */
    protected final List<String> drmNodes(Optional<PciAddress> address) {
        return address.map(drm::nodes).orElse(List.of());
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
    protected AutoCloseable session() {
        return start();
    }

    /** The number of devices. */
    protected abstract int deviceCount();

    /** The device at {@code index}, as later calls address it. */
    protected abstract H device(int index);

    /** Reads the device's facts; each through {@code facts}, so that a failure costs one fact. */
    protected abstract void describe(int index, H device, DeviceFacts facts);

    @Override
    public final List<DiscoveredDevice> discover() {
        return inSession(this::survey);
    }

    /**
     * Reads within a session of its own: a failed native call becomes a {@link DiscoveryException} naming the vendor,
     * the library and the call.
     */
    protected final <T> T inSession(Supplier<T> read) {
        try (var _ = session()) {
            return read.get();
        } catch (NativeCallException e) {
            throw new DiscoveryException(vendor, apiName(), library, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing a " + apiName() + " session failed", e);
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
