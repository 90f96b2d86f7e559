package io.hami.deviceplugin.vendor;

import io.hami.deviceplugin.allocate.ContainerShare;
import io.hami.deviceplugin.allocate.HostClaim;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.protocol.Mount;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Hygon container gets besides its device nodes, as HAMi's DCU plugin hands it (docs/vendors.md, "Device
 * plugins"): Hygon's HAL read-only, and where the container takes part of one card (its entry holds one device, with
 * less memory than the card has) a vDCU ({@link HygonVdcus}) that limits it to its share.
 *
 * @param vdcus the node's vDCUs
 */
record HygonExtras(HygonVdcus vdcus) implements DeviceNodeEnvironment.Extras {

    /** Hygon's HAL, which every DCU container reads (HAMi's DCU plugin mounts it read-only). */
    static final String HAL = "/opt/hyhal";

    HygonExtras {
        Objects.requireNonNull(vdcus, "vdcus");
    }

    @Override
    public void add(ContainerShare share, List<PhysicalDevice> devices, Map<String, String> env, List<Mount> mounts) {
        mounts.add(new Mount(HAL, HAL, Mount.Kind.DIRECTORY, true));
    }

    /**
     * A vDCU when the share is part of one card. A container with the card's whole memory gets the whole card, whatever
     * its cores (HAMi's rule: the scheduler gives nobody else memory of that card).
     */
    @Override
    public Optional<HostClaim> claim(ContainerShare share, List<PhysicalDevice> devices) {
        if (share.devices().devices().size() != 1) {
            return Optional.empty();
        }
        var booked = share.devices().devices().getFirst();
        var card = devices.getFirst();
        long cardMiB = card.memoryMiB().orElseThrow(() -> new IllegalArgumentException("card " + card.uuid()
                + " reports no memory, so whether the container takes part of it cannot be told"));
        if (booked.usedMem() >= cardMiB) {
            return Optional.empty();
        }
        return Optional.of(vdcus.claim(share.id(), card, booked));
    }
}
