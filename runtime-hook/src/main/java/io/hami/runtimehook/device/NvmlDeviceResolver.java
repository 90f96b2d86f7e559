package io.hami.runtimehook.device;

import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlLibraryException;
import io.hami.bindings.nvml.NvmlReturn;
import io.hami.model.wire.WireFormatException;
import io.hami.runtimehook.HookException;
import java.util.function.Supplier;

/** Resolves NVIDIA GPU UUIDs to minor numbers through NVML; the library is opened and initialised on first use. */
public final class NvmlDeviceResolver implements DeviceResolver {
    private final Supplier<Nvml> opener;
    private Nvml nvml;
    private Nvml.Session session;

    /** A resolver over the NVML library {@code library} (a file name or a path). */
    public static NvmlDeviceResolver open(String library) {
        return new NvmlDeviceResolver(() -> Nvml.open(library));
    }

    /** A resolver over the facade {@code opener} gives. */
    public NvmlDeviceResolver(Supplier<Nvml> opener) {
        this.opener = opener;
    }

    @Override
    public int minor(String uuid) throws HookException {
        try {
            if (session == null) {
                nvml = opener.get();
                session = nvml.start();
            }
            return nvml.minor(nvml.deviceByUuid(uuid));
        } catch (NvmlLibraryException e) {
            throw new HookException("NVML not available: " + e.getMessage(), e);
        } catch (NvmlException e) {
            if (e.status() == NvmlReturn.NOT_FOUND || e.status() == NvmlReturn.INVALID_ARGUMENT) {
                throw new HookException("NVIDIA_VISIBLE_DEVICES: GPU " + WireFormatException.quote(uuid) + " is not on this node", e);
            }
            throw new HookException("NVML: GPU " + WireFormatException.quote(uuid) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
