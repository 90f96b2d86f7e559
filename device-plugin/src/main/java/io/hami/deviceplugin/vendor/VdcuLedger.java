package io.hami.deviceplugin.vendor;

import io.hami.model.protocol.ContainerIdentity;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the node's vDCUs hold: per node the vdev ids, per card the pipe ids and compute units. Each is derived from the
 * vDCUs held, never kept beside them, so that giving one back can never free what another still holds (two vDCUs
 * rebuilt from damaged state may share a unit). Reserving takes HAMi's DCU plugin's choices: the lowest free compute
 * units ({@link CuMasks#lowestFree}), the first free vdev id of the node, the first free pipe id of the card. Not
 * thread-safe: {@link HygonVdcus} holds its lock around it.
 */
final class VdcuLedger {

    private final Map<String, VdcuDirectory> held = new LinkedHashMap<>();

    /** Records a vDCU found on the host or just reserved. */
    void add(VdcuDirectory vdcu) {
        held.put(vdcu.name(), vdcu);
    }

    /** Gives a vDCU's ids and units back; false when it was not held. */
    boolean remove(VdcuDirectory vdcu) {
        return held.remove(vdcu.name()) != null;
    }

    /** Whether the vDCU is held. */
    boolean holds(VdcuDirectory vdcu) {
        return held.containsKey(vdcu.name());
    }

    /** The vDCUs held, in the order they were recorded. */
    Collection<VdcuDirectory> held() {
        return List.copyOf(held.values());
    }

    /** The compute units of card {@code device} that vDCUs hold. */
    CuMasks used(int device) {
        var used = CuMasks.NONE;
        for (var v : held.values()) {
            if (v.device() == device) {
                used = used.or(v.masks());
            }
        }
        return used;
    }

    /**
     * Reserves a vDCU of {@code count} compute units on card {@code device}, which has {@code units}.
     *
     * @param card how an error names the card
     * @throws IllegalArgumentException when the card has fewer free units, or no vdev or pipe id is free
     */
    VdcuDirectory reserve(ContainerIdentity container, int device, String card, int units, int count) {
        var masks = CuMasks.lowestFree(used(device), units, count).orElseThrow(() -> new IllegalArgumentException(
                card + " has " + used(device).freeAmong(units) + " of its " + units
                        + " compute units free, the container asks for " + count));
        var vdevs = new BitSet();
        var pipes = new BitSet();
        for (var v : held.values()) {
            vdevs.set(v.vdev());
            if (v.device() == device) {
                pipes.set(v.pipe());
            }
        }
        int vdev = vdevs.nextClearBit(0);
        if (vdev >= VdcuDirectory.VDEV_IDS) {
            throw new IllegalArgumentException("no vDCU is left on this node: all " + VdcuDirectory.VDEV_IDS
                    + " vdev ids are in use");
        }
        int pipe = pipes.nextClearBit(0);
        if (pipe >= VdcuDirectory.PIPE_IDS) {
            throw new IllegalArgumentException("no vDCU is left on " + card + ": all " + VdcuDirectory.PIPE_IDS
                    + " pipe ids of the card are in use");
        }
        var vdcu = new VdcuDirectory(container, device, pipe, vdev, masks);
        add(vdcu);
        return vdcu;
    }
}
