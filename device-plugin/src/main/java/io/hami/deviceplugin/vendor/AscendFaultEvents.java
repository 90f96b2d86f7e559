package io.hami.deviceplugin.vendor;

import io.hami.bindings.dcmi.Dcmi;
import io.hami.bindings.dcmi.DcmiEventFilter;
import io.hami.bindings.dcmi.DcmiFaultEvent;
import io.hami.bindings.ffm.NativeCallException;
import io.hami.deviceplugin.devices.DeviceSource;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.vendor.VendorDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ascend health: the polled survey of every vendor, plus DCMI's fault events, which arrive from the library's own
 * thread through an upcall: a raised fault of at least {@link #SEVERITY} on a chip makes that chip unhealthy at once,
 * instead of at the next survey. The chip comes back through the survey, once DCMI reports it healthy again. Where the
 * library cannot subscribe, health is polled only, and the plugin says so once.
 */
final class AscendFaultEvents implements DeviceSource {
    private static final Logger LOG = LoggerFactory.getLogger(AscendFaultEvents.class);

    /** DCMI's severity scale runs 0 (warning) to 3 (critical); from 2 (major) a chip is taken out. */
    static final int SEVERITY = 2;

    private final DeviceSource polled;
    private final Dcmi dcmi;

    AscendFaultEvents(DeviceSource polled, Dcmi dcmi) {
        this.polled = Objects.requireNonNull(polled, "polled");
        this.dcmi = Objects.requireNonNull(dcmi, "dcmi");
    }

    @Override
    public VendorDescriptor vendor() {
        return polled.vendor();
    }

    @Override
    public List<PhysicalDevice> discover() {
        return polled.discover();
    }

    @Override
    public HealthWatch watchHealth(List<PhysicalDevice> devices, HealthListener listener) {
        var polling = polled.watchHealth(devices, listener);
        Map<Integer, String> byLogicId = new HashMap<>();
        devices.forEach(d -> byLogicId.put(d.index(), d.uuid()));
        try {
            var session = dcmi.start();
            try {
                var subscription = dcmi.subscribeFaultEvents(DcmiEventFilter.atLeast(SEVERITY),
                        event -> heard(event, byLogicId, listener));
                return () -> {
                    subscription.close();
                    session.close();
                    polling.close();
                };
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (NativeCallException e) {
            LOG.warn("Ascend: no fault events ({}); chip health is polled only", e.getMessage());
            return polling;
        }
    }

    private static void heard(DcmiFaultEvent event, Map<Integer, String> byLogicId, HealthListener listener) {
        var uuid = byLogicId.get(event.deviceId());
        if (!event.raised() || uuid == null) {
            return;
        }
        listener.unhealthy(List.of(uuid), "DCMI fault event 0x" + Long.toHexString(event.eventId()) + " \"" + event.name()
                + "\" (severity " + event.severity() + ") on chip " + event.deviceId());
    }

    @Override
    public void close() {
        polled.close();
    }
}
