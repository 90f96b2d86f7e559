package io.hami.runtimehook.oci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The {@code linux} object: device nodes and resources are named; namespaces, masks, seccomp and the rest are kept as read. */
public final class OciLinux extends OciObject {

    public OciLinux(JsonObject node) {
        super(node);
    }

    /** The device nodes, in order. */
    public List<LinuxDevice> devices() {
        var objects = objects("devices");
        var list = new ArrayList<LinuxDevice>(objects.length);
        for (var o : objects) {
            list.add(new LinuxDevice(o));
        }
        return Collections.unmodifiableList(list);
    }

    /** Appends a device node. */
    public void addDevice(LinuxDevice device) {
        array("devices", true).add(device.node());
    }

    /** The resources, when the config has them. */
    public Optional<LinuxResources> resources() {
        var resources = object("resources", false);
        return resources == null ? Optional.empty() : Optional.of(new LinuxResources(resources));
    }

    /** The resources, made empty first when absent. */
    public LinuxResources resourcesOrCreate() {
        return new LinuxResources(object("resources", true));
    }
}
