package io.hami.cli.node;

import io.hami.bindings.discovery.DeviceVendor;
import io.hami.cli.UserInputException;
import io.hami.deviceplugin.vendor.VendorSelection;
import io.hami.demo.node.NativeTools;
import io.hami.demo.node.NodeLayout;
import io.hami.demo.node.RuncRuntime;
import io.hami.demo.node.SimulatedNode;
import io.hami.model.annotation.KubernetesNames;
import io.hami.model.wire.WireFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code hami node}'s options, checked once: the layout, the labels, how containers start, and the arguments of
 * the node's device plugin and monitor. Whatever does not hold is one line and exit code 2.
 *
 * @param layout       the node's directories
 * @param labels       the Node's labels, {@code gpu=on} included
 * @param containers   how containers start
 * @param regionWriter the region writer the containers run (the static one under runc; null under containerd, where the
 *                     image has it)
 * @param shim         the runtime shim, when containers start under runc or containerd
 * @param library      the vendor's library of the plugin and the monitor
 * @param nvmlLibrary  the NVML library of the shim (and of the plugin and the monitor on an NVIDIA node)
 * @param pluginArgs   the arguments of the node's {@code hami device-plugin}
 * @param monitorArgs  the arguments of the node's {@code hami monitor}
 */
record NodeOptions(NodeLayout layout, Map<String, String> labels, Containers containers, Path regionWriter,
        Optional<Path> shim, Library library, String nvmlLibrary, List<String> pluginArgs, List<String> monitorArgs) {
    private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    /**
     * The library the node's plugin and monitor open.
     *
     * @param vendor whose library it is
     * @param path   the library, a path or a name; empty: the vendor's usual places
     */
    record Library(DeviceVendor vendor, Optional<String> path) {
        /** Whether it is NVML, which the plugin and the monitor take under their older flag. */
        boolean nvidia() {
            return vendor == DeviceVendor.NVIDIA;
        }
    }

    /** How the node starts containers. */
    enum Containers {
        REGION_WRITER, RUNC, CONTAINERD
    }

    static NodeOptions from(NodeCommand c) throws UserInputException {
        if (!KubernetesNames.isDnsSubdomain(c.nodeName)) {
            throw new UserInputException("hami node: --node-name must be a DNS-1123 subdomain (lower-case letters, "
                    + "digits, '-' and '.', as Kubernetes names nodes): " + WireFormatException.quote(c.nodeName));
        }
        if (!Files.isReadable(c.kubeconfig)) {
            throw new UserInputException("hami node: cannot read kubeconfig " + c.kubeconfig);
        }
        if (!(c.usedFraction >= 0 && c.usedFraction <= 1)) {
            throw new UserInputException("hami node: --used-fraction must lie in 0..1: " + c.usedFraction);
        }
        var library = library(c);
        var labels = labels(c.labels);
        if (c.regionWriter != null) {
            c.regionWriter(); // a bad flag is an error whichever way containers start
        }
        var containers = containers(c);
        var layout = new NodeLayout(c.dir);
        return new NodeOptions(layout, labels, containers,
                containers == Containers.REGION_WRITER ? c.regionWriter() : staticRegionWriter().orElse(null),
                containers == Containers.REGION_WRITER ? Optional.empty() : shim(c), library, c.nvmlLibrary(),
                c.pluginArgs(layout, library), c.monitorArgs(layout, library));
    }

    /** The vendor's library: NVML for NVIDIA, else the vendor's (a --vendor that names no plugin is one line). */
    private static Library library(NodeCommand c) throws UserInputException {
        if (c.library != null && c.nvmlLibrary != null) {
            throw new UserInputException("hami node: give --library or --nvml-library, not both");
        }
        if ("nvidia".equals(c.vendor)) {
            return new Library(DeviceVendor.NVIDIA, Optional.of(c.nvmlLibrary()));
        }
        if (!VendorSelection.VENDORS.contains(c.vendor)) {
            throw new UserInputException("hami node: --vendor must be one of nvidia, " + String.join(", ", VendorSelection.VENDORS)
                    + ": " + c.vendor);
        }
        if (c.nvmlLibrary != null) {
            throw new UserInputException("hami node: --nvml-library is NVIDIA's; --vendor " + c.vendor + " takes --library");
        }
        var vendor = VendorSelection.libraryVendor(c.vendor);
        return new Library(vendor, c.vendorLibrary(vendor));
    }

    /** auto: runc when it can run here, else the region writer; runc: only when it can run here. */
    private static Containers containers(NodeCommand c) throws UserInputException {
        return switch (c.containers) {
            case "region-writer" -> Containers.REGION_WRITER;
            case "auto" -> RuncRuntime.unusable(shim(c), staticRegionWriter()).isEmpty() ? Containers.RUNC : Containers.REGION_WRITER;
            case "runc" -> {
                var reason = RuncRuntime.unusable(shim(c), staticRegionWriter());
                if (reason.isPresent()) {
                    throw new UserInputException("hami node: --containers runc: " + reason.get());
                }
                yield Containers.RUNC;
            }
            case "containerd" -> {
                if (c.containerdSocket == null || c.containerImage == null) {
                    throw new UserInputException("hami node: --containers containerd needs --containerd-socket and "
                            + "--container-image");
                }
                if (!RuncRuntime.isRoot()) {
                    throw new UserInputException("hami node: --containers containerd: not running as root (the node "
                            + "makes device nodes with mknod)");
                }
                if (shim(c).filter(Files::isExecutable).isEmpty()) {
                    throw new UserInputException("hami node: --containers containerd: no runtime shim hami-runtime (give "
                            + "--runtime-shim, the installed <prefix>/bin/hami-runtime)");
                }
                yield Containers.CONTAINERD;
            }
            default -> throw new UserInputException("hami node: --containers must be auto, region-writer, runc or containerd: "
                    + c.containers);
        };
    }

    private static Optional<Path> shim(NodeCommand c) {
        return c.runtimeShim != null ? Optional.of(c.runtimeShim) : NativeTools.launcher(NativeTools.RUNTIME_SHIM);
    }

    private static Optional<Path> staticRegionWriter() {
        return NativeTools.find(RuncRuntime.STATIC_REGION_WRITER);
    }

    static Map<String, String> labels(List<String> pairs) throws UserInputException {
        var labels = new LinkedHashMap<>(SimulatedNode.DEVICE_NODE_LABEL);
        for (var pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            var key = eq < 0 ? pair : pair.substring(0, eq);
            var value = eq < 0 ? "" : pair.substring(eq + 1);
            if (eq < 0 || !LABEL_KEY.matcher(key).matches() || !LABEL_VALUE.matcher(value).matches()) {
                throw new UserInputException("hami node: --labels: not a label k=v: " + pair);
            }
            labels.put(key, value);
        }
        return labels;
    }
}
