package io.hami.deviceplugin.vendor;

import io.hami.deviceplugin.allocate.ContainerShare;
import io.hami.deviceplugin.allocate.HostClaim;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.annotation.CambriconProfileCodec;
import io.hami.model.device.CambriconProfile;
import io.hami.model.protocol.CambriconAnnotations;
import io.hami.model.protocol.Mount;
import io.hami.model.wire.WireFormatException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Cambricon container gets besides its card's nodes (docs/vendors.md, "Cambricon sMLU instances"): where the
 * scheduler asked for dynamic sMLU (the pod carries {@code CAMBRICON_DSMLU_PROFILE}) and the container takes part of
 * one card (fewer than all its cores, or less than all its memory), an sMLU instance of its share, made by
 * {@link CambriconSmlus}. A container with whole cards, or with several, gets whole cards.
 *
 * @param smlus the node's sMLU instances
 */
record CambriconExtras(CambriconSmlus smlus) implements DeviceNodeEnvironment.Extras {

    CambriconExtras {
        Objects.requireNonNull(smlus, "smlus");
    }

    @Override
    public void add(ContainerShare share, List<PhysicalDevice> devices, Map<String, String> env, List<Mount> mounts) {
    }

    /**
     * The share's own profile: its card's index, its cores and its memory in 256 MiB units. For the pod's first card
     * this is the value of {@code CAMBRICON_DSMLU_PROFILE}, which HAMi's scheduler writes from that card alone.
     */
    @Override
    public Optional<HostClaim> claim(ContainerShare share, List<PhysicalDevice> devices) {
        var asked = share.podAnnotations().get(CambriconAnnotations.PROFILE);
        if (asked == null) {
            return Optional.empty();
        }
        try {
            CambriconProfileCodec.INSTANCE.decode(asked);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException(CambriconAnnotations.PROFILE + ": " + e.getMessage());
        }
        if (share.devices().devices().size() != 1) {
            return Optional.empty();
        }
        var booked = share.devices().devices().getFirst();
        var card = devices.getFirst();
        long cardMiB = card.memoryMiB().orElseThrow(() -> new IllegalArgumentException("card " + card.uuid()
                + " reports no memory, so whether the container takes part of it cannot be told"));
        if (booked.usedCores() >= 100 && booked.usedMem() >= cardMiB) {
            return Optional.empty();
        }
        return Optional.of(smlus.claim(share.id(), card, CambriconProfile.of(card.index(), booked)));
    }
}
