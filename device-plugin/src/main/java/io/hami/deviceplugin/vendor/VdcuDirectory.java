package io.hami.deviceplugin.vendor;

import io.hami.model.protocol.ContainerIdentity;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A vDCU's host directory, named as HAMi's DCU plugin names it:
 * {@code <podUID>_<container>_<device index>_<pipe id>_<vdev id>_<mask 1>_<mask 2>} (docs/vendors.md, "Device
 * plugins"). The name is the plugin's record of what the vDCU holds: at start the ids and compute units in use are
 * rebuilt from the names found, so a name must read back exactly as it was written.
 *
 * @param container the container it was made for
 * @param device    the card's index in the library
 * @param pipe      the pipe id, unique per card ({@code 0..19})
 * @param vdev      the vdev id, unique per node ({@code 0..199})
 * @param masks     the card's compute units it holds
 */
record VdcuDirectory(ContainerIdentity container, int device, int pipe, int vdev, CuMasks masks) {

    /** vdev ids of a node: {@code 0..199}, as HAMi's plugin. */
    static final int VDEV_IDS = 200;
    /** Pipe ids of a card: {@code 0..19}, as HAMi's plugin. */
    static final int PIPE_IDS = 20;

    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,8}");

    VdcuDirectory {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(masks, "masks");
        if (device < 0) {
            throw new IllegalArgumentException("device index must not be negative: " + device);
        }
        if (pipe < 0 || pipe >= PIPE_IDS) {
            throw new IllegalArgumentException("pipe id must lie in 0.." + (PIPE_IDS - 1) + ": " + pipe);
        }
        if (vdev < 0 || vdev >= VDEV_IDS) {
            throw new IllegalArgumentException("vdev id must lie in 0.." + (VDEV_IDS - 1) + ": " + vdev);
        }
    }

    /** The directory's name. */
    String name() {
        return String.join("_", container.podUid(), container.containerName(), Integer.toString(device),
                Integer.toString(pipe), Integer.toString(vdev), masks.firstHex(), masks.secondHex());
    }

    /**
     * The vDCU a directory name stands for; empty for a name that is not one this class writes (wrong number of
     * parts, a part that is not a UID, a container name, a number without leading zeros in range, or 16 lower-case hex
     * digits).
     */
    static Optional<VdcuDirectory> parse(String name) {
        var parts = name.split("_", -1);
        if (parts.length != 7 || !NUMBER.matcher(parts[2]).matches() || !NUMBER.matcher(parts[3]).matches()
                || !NUMBER.matcher(parts[4]).matches()) {
            return Optional.empty();
        }
        var masks = CuMasks.parse(parts[5], parts[6]);
        if (masks.isEmpty()) {
            return Optional.empty();
        }
        try {
            var directory = new VdcuDirectory(new ContainerIdentity(parts[0], parts[1]), Integer.parseInt(parts[2]),
                    Integer.parseInt(parts[3]), Integer.parseInt(parts[4]), masks.get());
            return directory.name().equals(name) ? Optional.of(directory) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
