package io.hami.monitor.metrics;

import io.hami.bindings.DeviceDiscoveries;
import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.bindings.ffm.NativeCallException;
import io.hami.bindings.ffm.NativeLibraryException;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlDiscovery;
import io.hami.bindings.nvml.NvmlLibraryException;
import io.hami.monitor.metrics.CollectErrors.Reason;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's accelerators for the host metrics, through the library of one vendor. Every vendor's library is
 * opened the same way ({@link DeviceDiscoveries}) and held from the first scrape that opens it until
 * {@link #close()}. NVIDIA's GPUs are then read with HAMi's own NVML calls ({@link NvmlHost}: bytes, the
 * driver's reserve included, and the memory controller's utilization, which the shared discovery record does
 * not carry); every other vendor's devices come from its discovery ({@link DiscoveryHost}).
 *
 * <p>While the library cannot be opened, initialised or asked for its devices, each scrape counts one
 * {@link Reason#HOST_LIBRARY} error, exports no host series, logs the problem when it changes, and tries again;
 * the series come back at the first scrape after the library does. Thread-safe: concurrent scrapes take turns.
 */
public final class HostGpus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostGpus.class);

    private final DeviceVendor vendor;
    private final Supplier<? extends HostLibrary> opener;
    private HostLibrary library;
    private String lastProblem = "";

    /** NVIDIA's host metrics through the NVML that {@code library} opens (it may throw {@link NvmlLibraryException}). */
    public HostGpus(Supplier<Nvml> library) {
        this(DeviceVendor.NVIDIA, () -> new NvmlHost(library.get()));
    }

    private HostGpus(DeviceVendor vendor, Supplier<? extends HostLibrary> opener) {
        this.vendor = vendor;
        this.opener = opener;
    }

    /**
     * The host metrics of {@code vendor}, through {@code library} (a name the dynamic linker searches for, or a
     * path) or, when empty, the first of the vendor's usual libraries ({@link DeviceVendor#libraries()}) that
     * opens. Nothing is opened before the first scrape.
     */
    public static HostGpus of(DeviceVendor vendor, Optional<String> library) {
        return new HostGpus(vendor, () -> reader(open(vendor, library)));
    }

    /** Whose devices these are. */
    public DeviceVendor vendor() {
        return vendor;
    }

    /** Reads every device once; a failed device or call is counted and left out. */
    public synchronized List<HostGpuSample> sample(CollectErrors errors) {
        try {
            if (library == null) {
                library = opener.get();
            }
            errors.hostApi(library.api());
            var samples = library.read(errors);
            if (!lastProblem.isEmpty()) {
                LOG.info("host metrics of {} back: {} devices", vendor.displayName(), samples.size());
                lastProblem = "";
            }
            return samples;
        } catch (NativeLibraryException | NativeCallException | DiscoveryException e) {
            errors.count(Reason.HOST_LIBRARY);
            if (!e.getMessage().equals(lastProblem)) {
                lastProblem = e.getMessage();
                LOG.warn("no host metrics: {}", lastProblem);
            }
            return List.of();
        }
    }

    /** Releases what the library holds open (NVIDIA: the NVML session), if it was opened. */
    @Override
    public synchronized void close() {
        if (library != null) {
            library.close();
        }
    }

    private static DeviceDiscovery open(DeviceVendor vendor, Optional<String> library) {
        if (library.isPresent()) {
            return DeviceDiscoveries.open(vendor, library.get());
        }
        return DeviceDiscoveries.find(vendor).orElseThrow(() -> new DiscoveryException(vendor,
                String.join(" or ", vendor.libraries()), "cannot open shared object file", null));
    }

    /** NVIDIA keeps HAMi's NVML reads; every other vendor, Iluvatar's NVML-named IXML included, its discovery. */
    private static HostLibrary reader(DeviceDiscovery discovery) {
        if (discovery.vendor() == DeviceVendor.NVIDIA && discovery instanceof NvmlDiscovery nvidia) {
            return new NvmlHost(nvidia.nvml());
        }
        return new DiscoveryHost(discovery);
    }
}
