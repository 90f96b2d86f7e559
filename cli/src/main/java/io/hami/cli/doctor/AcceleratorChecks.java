package io.hami.cli.doctor;

import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.device.DeviceNodeLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The node's accelerators, as {@code hami devices} lists them: which vendor libraries open (and their versions), the
 * devices they list and their health, and the device nodes a container of each device gets, with their numbers.
 */
final class AcceleratorChecks {

    /** Opens a vendor's library; empty when none of its usual places has one. */
    @FunctionalInterface
    interface Libraries {
        Optional<DeviceDiscovery> find(DeviceVendor vendor);
    }

    private final List<DeviceVendor> vendors;
    private final Libraries libraries;
    private final DeviceNodeLookup nodes;
    private final Path hostRoot;

    /**
     * @param vendors   the vendors to look for (every one, or the one {@code --vendor} names)
     * @param hostRoot  where the host's {@code /} is, for device nodes
     */
    AcceleratorChecks(List<DeviceVendor> vendors, Libraries libraries, DeviceNodeLookup nodes, Path hostRoot) {
        this.vendors = List.copyOf(vendors);
        this.libraries = libraries;
        this.nodes = nodes;
        this.hostRoot = hostRoot;
    }

    /** The libraries that opened; a vendor whose library is missing or broken is a fact or a finding. */
    List<DeviceDiscovery> libraries(Section s) {
        var found = new ArrayList<DeviceDiscovery>();
        for (var v : vendors) {
            try {
                var d = libraries.find(v);
                if (d.isPresent()) {
                    found.add(d.get());
                    s.fact(v.displayName() + " " + d.get().apiName() + ": " + d.get().library() + version(d.get()));
                } else if (vendors.size() == 1) {
                    s.error("missing", v.displayName() + " " + v.apiNames() + " not found (looked for "
                            + String.join(", ", v.libraries()) + ")", "install the vendor's driver on this node, or "
                            + "name the library with --library PATH; in the device plugin's pod, mount the library's "
                            + "directory (the chart's devices." + v.id() + ".library)");
                } else {
                    s.fact(v.displayName() + " " + v.apiNames() + ": not installed");
                }
            } catch (DiscoveryException e) {
                s.error("unusable", e.getMessage(), "check that the library is the vendor's and matches the loaded "
                        + "driver (the vendor's own tool, e.g. nvidia-smi, should work)");
            }
        }
        if (found.isEmpty() && vendors.size() > 1 && s.findings().isEmpty()) {
            s.error("none", "no accelerator management library found (looked for " + vendors.stream()
                    .flatMap(v -> v.libraries().stream()).collect(Collectors.joining(", ")) + ")",
                    "install the vendor's driver on this node (NVIDIA: libnvidia-ml.so.1 comes with it); a node "
                            + "without accelerators needs no device plugin: remove its gpu=on label");
        }
        return found;
    }

    /**
     * The versions the library reports through our bindings ({@link DeviceDiscovery#versions()}): the driver's for
     * NVML and IXML, which exports its names, and for CNDEV and CNRT, and CNRT's own; the other vendors' bindings
     * read none.
     */
    private static String version(DeviceDiscovery d) {
        try {
            var out = new StringBuilder();
            d.versions().forEach((what, version) -> out.append(", ").append(what).append(' ').append(version));
            return out.toString();
        } catch (RuntimeException e) {
            return ", version unknown (" + e.getMessage() + ")";
        }
    }

    /** Every device of the opened libraries; unhealthy ones are findings. */
    List<DiscoveredDevice> devices(Section s, List<DeviceDiscovery> opened) {
        var all = new ArrayList<DiscoveredDevice>();
        for (var d : opened) {
            List<DiscoveredDevice> listed;
            try {
                listed = d.discover();
            } catch (DiscoveryException e) {
                s.error("unlisted", e.getMessage(), "the library opens but cannot list devices: check the driver "
                        + "(is its kernel module loaded?) with the vendor's own tool");
                continue;
            }
            if (listed.isEmpty()) {
                s.warning("none", d.vendor().displayName() + " " + d.apiName() + " (" + d.library() + ") lists no "
                        + "device", "check that the devices are visible to this machine or container (the device "
                        + "plugin's pod needs them: privileged, or the vendor's container runtime)");
            }
            for (var dev : listed) {
                all.add(dev);
                s.fact(line(dev));
                if (!dev.healthy()) {
                    s.error("unhealthy", dev.vendor().id() + " device " + dev.index() + dev.uuid().map(u -> " (" + u + ")")
                            .orElse("") + " is unhealthy: " + (dev.problems().isEmpty() ? "the vendor's health check "
                            + "failed" : String.join("; ", dev.problems())), "the scheduler gives it no pods "
                            + "(CardNotHealth); check it with the vendor's tool, and reset or replace it");
                }
            }
        }
        return all;
    }

    private static String line(DiscoveredDevice d) {
        return d.vendor().id() + " " + d.index() + " " + d.uuid().orElse("-") + " " + d.model().orElse("-")
                + (d.memoryTotalMiB().isPresent() ? " " + d.memoryTotalMiB().getAsLong() + " MiB" : "")
                + (d.healthy() ? " healthy" : " UNHEALTHY");
    }

    /** Each device node the devices need, once: present as a character device, with its numbers. */
    void deviceNodes(Section s, List<DiscoveredDevice> devices) {
        var paths = new LinkedHashSet<String>();
        devices.forEach(d -> paths.addAll(d.deviceNodes()));
        if (devices.isEmpty()) {
            s.fact("no devices, so no device nodes to check");
        }
        for (var path : paths) {
            var onHost = hostRoot.resolve(Path.of("/").relativize(Path.of(path)).toString());
            try {
                var node = nodes.read(onHost, path);
                if (node.isPresent()) {
                    s.fact(path + " c " + node.get().major() + ":" + node.get().minor());
                } else {
                    s.error("missing", path + " does not exist", "containers of these devices would get no device "
                            + "node: load the driver's kernel modules (NVIDIA: nvidia-modprobe, or nvidia-smi once, "
                            + "creates the nodes)");
                }
            } catch (HookException e) {
                s.error("invalid", e.getMessage(), "a device node must be a character device: remove what stands "
                        + "there and reload the driver");
            }
        }
    }
}
