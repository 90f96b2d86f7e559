package io.hami.monitor.metrics;

import io.hami.bindings.nvml.MemoryInfo;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlDevice;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlLibraryException;
import io.hami.bindings.nvml.NvmlResult;
import io.hami.bindings.nvml.NvmlReturn;
import io.hami.monitor.metrics.CollectErrors.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's GPUs for the host metrics. NVML is initialized once, on the first scrape that finds it, and
 * held until {@link #close()} (HAMi initializes and shuts it down on every scrape); each device's index,
 * UUID and name are read once per session (a GPU whose identity cannot be read is left out), memory and
 * utilization on every scrape. While NVML cannot be loaded or initialized, each scrape counts one error,
 * exports no host series, and tries again.
 * Thread-safe: concurrent scrapes take turns.
 */
public final class HostGpus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostGpus.class);

    private final Supplier<Nvml> library;
    private Nvml nvml;
    private Nvml.Session session;
    private List<Identity> devices;
    private String lastProblem = "";

    private record Identity(int index, NvmlDevice handle, String uuid, String deviceType) {
    }

    /** Host metrics through the NVML that {@code library} opens (it may throw {@link NvmlLibraryException}). */
    public HostGpus(Supplier<Nvml> library) {
        this.library = library;
    }

    /** Reads every GPU once; a failed device or call is counted and left out. */
    public synchronized List<HostGpuSample> sample(CollectErrors errors) {
        if (!started(errors)) {
            return List.of();
        }
        var samples = new ArrayList<HostGpuSample>(devices.size());
        for (var d : devices) {
            var memory = memoryUsed(d, errors);
            var utilization = read(nvml.api().deviceUtilizationRates(d.handle()), errors);
            samples.add(new HostGpuSample(d.index(), d.uuid(), d.deviceType(), memory, utilization));
        }
        return samples;
    }

    /** Ends the NVML session, if one is open. */
    @Override
    public synchronized void close() {
        if (session != null) {
            try {
                session.close();
            } catch (NvmlException e) {
                LOG.debug("nvmlShutdown: {}", e.getMessage());
            }
            session = null;
            devices = null;
        }
    }

    private boolean started(CollectErrors errors) {
        if (devices != null) {
            return true;
        }
        try {
            if (nvml == null) {
                nvml = library.get();
            }
            session = nvml.start();
            int count = nvml.deviceCount();
            var list = new ArrayList<Identity>(count);
            for (int i = 0; i < count; i++) {
                try {
                    var handle = nvml.device(i);
                    list.add(new Identity(i, handle, nvml.uuid(handle), "NVIDIA-" + nvml.name(handle)));
                } catch (NvmlException e) {
                    errors.count(Reason.NVML); // a GPU lost before its identity was read stays out for this session
                    LOG.warn("GPU {} left out of the host metrics: {}", i, e.getMessage());
                }
            }
            devices = List.copyOf(list);
            LOG.info("NVML: {} GPUs", count);
            lastProblem = "";
            return true;
        } catch (NvmlLibraryException | NvmlException e) {
            errors.count(Reason.NVML);
            if (session != null) {
                session.close();
                session = null;
            }
            if (!e.getMessage().equals(lastProblem)) {
                lastProblem = e.getMessage();
                LOG.warn("no host GPU metrics: {}", lastProblem);
            }
            return false;
        }
    }

    /** {@code nvmlDeviceGetMemoryInfo}, HAMi's call (used includes the driver's reserve), else the v2 call. */
    private OptionalLong memoryUsed(Identity d, CollectErrors errors) {
        var v1 = nvml.api().deviceMemoryInfo(d.handle());
        var memory = v1.status() == NvmlReturn.FUNCTION_NOT_FOUND ? read(nvml.api().deviceMemoryInfoV2(d.handle()), errors)
                : read(v1, errors);
        return memory.map(MemoryInfo::used).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** The value; empty when unsupported (not an error) or failed (counted). */
    private <T> Optional<T> read(NvmlResult<T> result, CollectErrors errors) {
        if (result.ok()) {
            return Optional.ofNullable(result.value());
        }
        var status = result.status();
        if (status != NvmlReturn.NOT_SUPPORTED && status != NvmlReturn.FUNCTION_NOT_FOUND) {
            errors.count(Reason.NVML);
            LOG.debug("{}", NvmlException.message(result.symbol(), result.code()));
        }
        return Optional.empty();
    }
}
