package io.hami.runtimehook.oci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code linux.resources}: the device cgroup rules are named; memory, CPU, pids and the rest stay as read (a uint64
 * above {@code Long.MAX_VALUE} included).
 */
public final class LinuxResources extends OciObject {

    public LinuxResources(JsonObject node) {
        super(node);
    }

    /** The device cgroup rules, in order. */
    public List<DeviceCgroupRule> devices() {
        var objects = objects("devices");
        var list = new ArrayList<DeviceCgroupRule>(objects.length);
        for (var o : objects) {
            list.add(new DeviceCgroupRule(o));
        }
        return Collections.unmodifiableList(list);
    }

    /** Appends a device cgroup rule. */
    public void addDevice(DeviceCgroupRule rule) {
        array("devices", true).add(rule.node());
    }

    /**
     * Whether the rules, applied in order as the device cgroup applies them (a later matching rule overrides an
     * earlier one), leave read-write access to the character device {@code major:minor}.
     */
    public boolean allowsCharDevice(long major, long minor) {
        boolean allowed = false;
        for (var rule : devices()) {
            if (rule.matchesCharDevice(major, minor) && rule.coversReadWrite()) {
                allowed = Boolean.TRUE.equals(rule.allow());
            }
        }
        return allowed;
    }
}
