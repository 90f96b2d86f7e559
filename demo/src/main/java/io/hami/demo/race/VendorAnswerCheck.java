package io.hami.demo.race;

import io.hami.demo.node.ServedDevices;
import io.hami.demo.node.StartedContainer;
import io.hami.model.device.ContainerDevice;
import io.hami.model.vendor.CapacityIds;
import io.hami.model.vendor.DeviceNodes;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.VendorDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks one container's {@code Allocate} answer for a device type that hands out device nodes (every vendor but
 * NVIDIA) against its pod's allocation entry and the devices its node serves:
 * <ul>
 *   <li>every device the entry names is one the node serves: by the id it registered, or, for a type the scheduler
 *       learns from node capacity, the device at the position its made-up id names ({@link CapacityIds});</li>
 *   <li>the vendor's visible-devices variable, where it has one, names exactly those devices, each once, all by one of
 *       the identities the library gives a device (index, minor number or id);</li>
 *   <li>the answer's device nodes are exactly those devices' nodes as the library reported them (their own and the
 *       shared control nodes), each at its host path in the container: none missing, none of another device;</li>
 *   <li>a Cambricon container given an sMLU instance names, in place of the visible-devices variable, its card's
 *       two nodes and the instance's node, which the answer hands out besides the card's.</li>
 * </ul>
 */
final class VendorAnswerCheck {

    /** The identities by which a vendor's runtime may name a device in its visible-devices variable. */
    private static final List<Function<ServedDevices.Device, String>> IDENTITIES = List.of(
            d -> Integer.toString(d.index()), d -> d.minor() == null ? null : Integer.toString(d.minor()),
            ServedDevices.Device::uuid);

    private VendorAnswerCheck() {
    }

    /**
     * The violations of {@code started}'s answer.
     *
     * @param where   the container, as violations name it
     * @param node    its node
     * @param entry   its pod's allocation entry for it, of {@code type}
     * @param served  the devices its node serves
     */
    static List<String> check(String where, VendorDescriptor type, String node, List<ContainerDevice> entry,
                              ServedDevices served, StartedContainer started) {
        var violations = new ArrayList<String>();
        var devices = new ArrayList<ServedDevices.Device>();
        for (ContainerDevice d : entry) {
            var device = resolve(type, node, d.uuid(), served);
            if (device.isEmpty()) {
                violations.add(where + ": its allocation names " + d.uuid() + ", which " + node + " does not serve");
            } else if (!devices.contains(device.get())) {
                devices.add(device.get());
            }
        }
        if (!violations.isEmpty()) {
            return violations;
        }
        String smlu = type.vendor() == Vendor.CAMBRICON ? started.envs().get(DeviceNodes.CAMBRICON_SMLU_DEVICES_ENV)
                : null;
        if (smlu != null) {
            return smluInstance(where, devices, smlu, started);
        }
        type.deviceNodes().visibleDevicesEnv().ifPresent(name -> visible(where, name, devices, started)
                .ifPresent(violations::add));
        violations.addAll(deviceNodes(where, devices, Set.of(), started));
        return violations;
    }

    /**
     * A Cambricon container given an sMLU instance of part of one card: the variable names that card's two nodes and
     * one more, the instance's, and the answer hands out exactly the card's nodes and that instance node.
     */
    private static List<String> smluInstance(String where, List<ServedDevices.Device> devices, String value,
                                             StartedContainer started) {
        var parts = Arrays.asList(value.split(",", -1));
        if (devices.size() != 1 || parts.size() != 3 || !devices.getFirst().nodes().containsAll(parts.subList(0, 2))
                || devices.getFirst().nodes().contains(parts.get(2))) {
            return List.of(where + ": " + DeviceNodes.CAMBRICON_SMLU_DEVICES_ENV + "=" + value + " does not name its "
                    + "card's nodes and one sMLU instance node of its devices " + devices.stream()
                    .map(ServedDevices.Device::uuid).toList());
        }
        return deviceNodes(where, devices, Set.of(parts.get(2)), started);
    }

    private static Optional<ServedDevices.Device> resolve(VendorDescriptor type, String node, String id,
                                                          ServedDevices served) {
        var byId = served.devices().stream().filter(d -> d.uuid().equals(id)).findFirst();
        if (byId.isPresent()) {
            return byId;
        }
        var position = CapacityIds.index(node, type.vendor(), id);
        return position.isPresent() && position.getAsInt() < served.devices().size()
                ? Optional.of(served.devices().get(position.getAsInt())) : Optional.empty();
    }

    private static Optional<String> visible(String where, String name, List<ServedDevices.Device> devices,
                                            StartedContainer started) {
        String value = started.envs().get(name);
        if (value == null) {
            return Optional.of(where + ": Allocate set no " + name);
        }
        var names = Arrays.asList(value.split(",", -1));
        boolean exact = names.size() == devices.size() && names.size() == new LinkedHashSet<>(names).size()
                && IDENTITIES.stream().anyMatch(identity -> Set.copyOf(names).equals(
                        devices.stream().map(identity).filter(Objects::nonNull).collect(Collectors.toSet())));
        return exact ? Optional.empty() : Optional.of(where + ": " + name + "=" + value + " does not name exactly its "
                + "devices " + devices.stream().map(ServedDevices.Device::uuid).toList());
    }

    private static List<String> deviceNodes(String where, List<ServedDevices.Device> devices, Set<String> instances,
                                            StartedContainer started) {
        var violations = new ArrayList<String>();
        var expected = new TreeSet<>(instances);
        devices.forEach(d -> expected.addAll(d.nodes()));
        var got = new TreeSet<String>();
        for (var d : started.devices()) {
            got.add(d.hostPath());
            if (!d.containerPath().equals(d.hostPath())) {
                violations.add(where + ": device node " + d.hostPath() + " appears at " + d.containerPath());
            }
        }
        var missing = new TreeSet<>(expected);
        missing.removeAll(got);
        var foreign = new TreeSet<>(got);
        foreign.removeAll(expected);
        if (!missing.isEmpty()) {
            violations.add(where + ": Allocate left out the device nodes " + missing + " of its devices");
        }
        if (!foreign.isEmpty()) {
            violations.add(where + ": Allocate handed out device nodes " + foreign + ", which are not its devices'");
        }
        return violations;
    }
}
