package io.hami.monitor.metrics;

import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlDevice;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlResult;
import io.hami.bindings.nvml.NvmlReturn;
import io.hami.monitor.metrics.CollectErrors.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NVIDIA's host metrics, read with HAMi's own NVML calls: {@code nvmlDeviceGetMemoryInfo} in bytes, whose used
 * memory includes the driver's reserve (the v2 call only where the driver lacks the plain one), and
 * {@code nvmlDeviceGetUtilizationRates} for both the cores and the memory controller. The shared discovery
 * record holds less (MiB from the v2 call, the cores' utilization only), so NVIDIA is read here and not
 * through it. NVML is initialised on the first scrape and held until {@link #close()} (HAMi initialises and
 * shuts it down on every scrape); each GPU's index, UUID and name are read once per session (a GPU whose
 * identity cannot be read is counted and left out), memory and utilization on every scrape.
 */
final class NvmlHost implements HostLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(NvmlHost.class);

    private final Nvml nvml;
    private Nvml.Session session;
    private List<Identity> devices;

    private record Identity(int index, NvmlDevice handle, String uuid, String deviceType) {
    }

    NvmlHost(Nvml nvml) {
        this.nvml = nvml;
    }

    @Override
    public String api() {
        return DeviceVendor.NVIDIA.api();
    }

    @Override
    public List<HostGpuSample> read(CollectErrors errors) {
        if (devices == null) {
            start(errors);
        }
        var samples = new ArrayList<HostGpuSample>(devices.size());
        for (var d : devices) {
            var utilization = read(nvml.api().deviceUtilizationRates(d.handle()), errors);
            samples.add(new HostGpuSample(d.index(), d.uuid(), d.deviceType(), memoryUsed(d, errors),
                    utilization.map(u -> OptionalInt.of(u.gpu())).orElse(OptionalInt.empty()),
                    utilization.map(u -> OptionalInt.of(u.memory())).orElse(OptionalInt.empty())));
        }
        return samples;
    }

    /** Ends the NVML session, if one is open. */
    @Override
    public void close() {
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

    /** Opens the session and reads every GPU's identity; throws when init or the count fails, leaving nothing open. */
    private void start(CollectErrors errors) {
        session = nvml.start();
        try {
            int count = nvml.deviceCount();
            var list = new ArrayList<Identity>(count);
            for (int i = 0; i < count; i++) {
                try {
                    var handle = nvml.device(i);
                    list.add(new Identity(i, handle, nvml.uuid(handle), "NVIDIA-" + nvml.name(handle)));
                } catch (NvmlException e) {
                    errors.count(Reason.HOST_LIBRARY); // a GPU lost before its identity was read stays out for this session
                    LOG.warn("GPU {} left out of the host metrics: {}", i, e.getMessage());
                }
            }
            devices = List.copyOf(list);
            LOG.info("NVML: {} GPUs", count);
        } catch (NvmlException e) {
            session.close();
            session = null;
            throw e;
        }
    }

    /**
     * {@code nvmlDeviceGetMemoryInfo}, HAMi's call (used includes the driver's reserve), else the v2 call; through
     * the binding's record-free path, as this runs for every GPU on every scrape.
     */
    private OptionalLong memoryUsed(Identity d, CollectErrors errors) {
        long used = nvml.api().deviceMemoryUsed(d.handle());
        var symbol = "nvmlDeviceGetMemoryInfo";
        if (NvmlResult.failed(used) && NvmlResult.failureCode(used) == NvmlReturn.FUNCTION_NOT_FOUND.code()) {
            used = nvml.api().deviceMemoryUsedV2(d.handle());
            symbol = "nvmlDeviceGetMemoryInfo_v2";
        }
        if (!NvmlResult.failed(used)) {
            return OptionalLong.of(used);
        }
        failed(symbol, NvmlResult.failureCode(used), errors);
        return OptionalLong.empty();
    }

    /** The value; empty when unsupported (not an error) or failed (counted). */
    private static <T> Optional<T> read(NvmlResult<T> result, CollectErrors errors) {
        if (result.ok()) {
            return Optional.ofNullable(result.value());
        }
        failed(result.symbol(), result.code(), errors);
        return Optional.empty();
    }

    /** Counts and logs a failed call, unless it failed because the device or driver does not offer it. */
    private static void failed(String symbol, int code, CollectErrors errors) {
        var status = NvmlReturn.fromCode(code);
        if (status != NvmlReturn.NOT_SUPPORTED && status != NvmlReturn.FUNCTION_NOT_FOUND) {
            errors.count(Reason.HOST_LIBRARY);
            LOG.debug("{}", NvmlException.message(symbol, code));
        }
    }
}
