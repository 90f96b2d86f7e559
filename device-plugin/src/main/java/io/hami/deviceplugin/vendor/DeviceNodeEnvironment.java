package io.hami.deviceplugin.vendor;

import io.hami.deviceplugin.allocate.ContainerEnvironment;
import io.hami.deviceplugin.allocate.ContainerShare;
import io.hami.deviceplugin.allocate.HostClaim;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.HostDevice;
import io.hami.model.protocol.Mount;
import io.hami.model.vendor.VendorDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The container view of a vendor whose plugin hands out device nodes (every vendor but NVIDIA, whose runtime adds
 * them): the nodes each allocated device's library reported (its own and the shared control nodes, each once), the
 * vendor's visible-devices variable naming the devices by {@code visibleId}, and whatever the vendor adds
 * ({@link Extras}: its limit variables and mounts). The spec is pure: the same share always gives the same answer;
 * what a vendor keeps on the host per container (Hygon's vDCUs) is its {@link Extras#claim}.
 *
 * @param vendor      the device type
 * @param visibleId   how the vendor's runtime names a device in its visible-devices variable
 * @param permissions the cgroup permissions of a node path, where a vendor's plugin grants more than read and write
 * @param extras      what the vendor adds for a share
 */
public record DeviceNodeEnvironment(VendorDescriptor vendor, Function<PhysicalDevice, String> visibleId,
                                    Function<String, String> permissions, Extras extras) implements ContainerEnvironment {

    public DeviceNodeEnvironment {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(visibleId, "visibleId");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(extras, "extras");
    }

    /** What a vendor adds to a container's nodes and visible-devices variable. */
    public interface Extras {
        /** Nothing. */
        Extras NONE = (share, devices, env, mounts) -> { };

        /**
         * Adds the vendor's variables and mounts for a share.
         *
         * @param devices this node's devices of the share, in the share's order
         * @throws IllegalArgumentException when the pod's annotations cannot be expressed for the vendor
         */
        void add(ContainerShare share, List<PhysicalDevice> devices, Map<String, String> env, List<Mount> mounts);

        /** Where the vendor keeps a container's own directory on the host; empty for nowhere. */
        default Optional<Path> directoryRoot(ContainerShare share) {
            return Optional.empty();
        }

        /**
         * What the vendor reserves on the host for a share ({@link ContainerEnvironment#claim}); empty for nothing.
         *
         * @param devices this node's devices of the share, in the share's order
         * @throws IllegalArgumentException when it cannot be reserved
         */
        default Optional<HostClaim> claim(ContainerShare share, List<PhysicalDevice> devices) {
            return Optional.empty();
        }
    }

    /** A device's minor number, the name most vendors' runtimes use ({@code ASCEND_VISIBLE_DEVICES=<physical id>}). */
    public static String minor(PhysicalDevice device) {
        return Integer.toString(device.minor().orElseThrow(() -> new IllegalArgumentException("device " + device.uuid()
                + " has no known minor number, so its device node cannot be named")));
    }

    /** A device's index in its library. */
    public static String index(PhysicalDevice device) {
        return Integer.toString(device.index());
    }

    @Override
    public ContainerSpec spec(ContainerShare share) {
        var devices = physical(share);
        var env = new LinkedHashMap<String, String>();
        vendor.deviceNodes().visibleDevicesEnv().ifPresent(name ->
                env.put(name, devices.stream().map(visibleId).collect(Collectors.joining(","))));
        var mounts = new ArrayList<Mount>();
        extras.add(share, devices, env, mounts);
        var paths = new LinkedHashSet<String>();
        for (var d : devices) {
            if (d.nodes().isEmpty()) {
                throw new IllegalArgumentException("device " + d.uuid() + " has no device node reported by "
                        + vendor.library());
            }
            paths.addAll(d.nodes());
        }
        var nodes = paths.stream().map(p -> new HostDevice(p, p, permissions.apply(p))).toList();
        return new ContainerSpec(env, mounts, nodes);
    }

    @Override
    public Optional<Path> directoryRoot(ContainerShare share) {
        return extras.directoryRoot(share);
    }

    @Override
    public Optional<HostClaim> claim(ContainerShare share) {
        return extras.claim(share, physical(share));
    }

    private static List<PhysicalDevice> physical(ContainerShare share) {
        return share.devices().devices().stream().map(share::physical).toList();
    }
}
