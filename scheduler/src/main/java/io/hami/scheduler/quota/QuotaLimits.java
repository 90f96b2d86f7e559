package io.hami.scheduler.quota;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The device limits a ResourceQuota sets (docs/scheduler.md, "Quotas"): its {@code spec.hard} keys
 * {@code limits.<name>} where {@code <name>} is the memory or core resource of a configured device type, with
 * whole-number values. Other keys ({@code requests.*}, count resources, foreign resources) and non-integer values are
 * Kubernetes' business and left out.
 */
public final class QuotaLimits {

    private static final String PREFIX = "limits.";

    private QuotaLimits() {
    }

    /** The resource names whose quotas the scheduler tracks. */
    public static Set<String> managed(DeviceTypes types) {
        var names = new HashSet<String>();
        for (DeviceType t : types.all()) {
            t.descriptor().resources().memory().ifPresent(names::add);
            t.descriptor().resources().cores().ifPresent(names::add);
        }
        return Set.copyOf(names);
    }

    /** Resource name (without {@code limits.}) to limit, in the resource's own unit. */
    public static Map<String, Long> read(ResourceQuota quota, DeviceTypes types) {
        var result = new LinkedHashMap<String, Long>();
        if (quota == null || quota.getSpec() == null || quota.getSpec().getHard() == null) {
            return Map.of();
        }
        Set<String> managed = managed(types);
        for (Map.Entry<String, Quantity> e : quota.getSpec().getHard().entrySet()) {
            String key = e.getKey();
            if (key == null || !key.startsWith(PREFIX) || e.getValue() == null || e.getValue().getAmount() == null) {
                continue;
            }
            String resource = key.substring(PREFIX.length());
            if (!managed.contains(resource)) {
                continue;
            }
            String text = e.getValue().getFormat() == null ? e.getValue().getAmount()
                    : e.getValue().getAmount() + e.getValue().getFormat();
            try {
                var value = io.hami.model.quantity.Quantity.parse(key, text).asExactLong();
                if (value.isPresent()) {
                    result.put(resource, value.getAsLong());
                }
            } catch (WireFormatException ignored) {
                // not a quantity Kubernetes would have accepted: no limit from it
            }
        }
        return Map.copyOf(result);
    }
}
