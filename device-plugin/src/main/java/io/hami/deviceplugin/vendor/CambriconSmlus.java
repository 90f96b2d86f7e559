package io.hami.deviceplugin.vendor;

import io.hami.bindings.cndev.Cndev;
import io.hami.bindings.cndev.CndevApi;
import io.hami.bindings.cndev.CndevDevice;
import io.hami.bindings.cndev.CndevSmluInstance;
import io.hami.bindings.ffm.NativeCallException;
import io.hami.bindings.ffm.NativeLibraryException;
import io.hami.deviceplugin.allocate.PodHostState;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.annotation.CambriconProfileCodec;
import io.hami.model.device.CambriconProfile;
import io.hami.model.protocol.ContainerIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sMLU instances of this node's Cambricon cards (docs/vendors.md, "Cambricon sMLU instances"): a container that
 * takes part of one card in sMLU mode gets an instance of its share, made through CNDEV from a profile of that share
 * (an existing profile of the same share, else a new one). The instance's name is the record: {@code
 * hami-<pod UID>-<container>}, so that a retried {@code Allocate} finds the instance it made before instead of making a
 * second, and the instances of pods that are gone are found and destroyed ({@link PodHostState}), with their profile
 * once no instance uses it. An instance whose name is not one of ours is left alone. Thread-safe: one lock over the
 * calls that change or read the cards' instances; each holds a CNDEV session of its own.
 */
final class CambriconSmlus implements PodHostState {
    private static final Logger LOG = LoggerFactory.getLogger(CambriconSmlus.class);

    /** The variable Cambricon's runtime reads for an sMLU container, in place of the visible-devices one. */
    static final String VIRTUAL_DEVICES = io.hami.model.vendor.DeviceNodes.CAMBRICON_SMLU_DEVICES_ENV;
    static final String NAME_PREFIX = "hami-";
    /** Room in CNDEV's name buffer, less its NUL. */
    private static final int NAME_BYTES = 99;
    private static final Pattern OWNED = Pattern.compile("hami-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-.+");

    private final Cndev cndev;
    private final String visibleDevicesEnv;

    /**
     * @param visibleDevicesEnv the whole-card variable an sMLU container does not get
     */
    CambriconSmlus(Cndev cndev, String visibleDevicesEnv) {
        this.cndev = Objects.requireNonNull(cndev, "cndev");
        this.visibleDevicesEnv = Objects.requireNonNull(visibleDevicesEnv, "visibleDevicesEnv");
    }

    /** The name of the instance of {@code container}: its pod's UID and its name, hashed where CNDEV has no room for it. */
    static String instanceName(ContainerIdentity container) {
        var name = NAME_PREFIX + container.podUid() + "-" + container.containerName();
        if (name.getBytes(StandardCharsets.UTF_8).length <= NAME_BYTES) {
            return name;
        }
        var crc = new CRC32();
        crc.update(container.containerName().getBytes(StandardCharsets.UTF_8));
        return NAME_PREFIX + container.podUid() + "-" + HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /** The UID of the pod an instance of this name belongs to; empty for a name that is not one of ours. */
    static Optional<String> owner(String instanceName) {
        var m = OWNED.matcher(instanceName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The instance of {@code profile}'s share of {@code card} for {@code container}: the one it already has, else a new
     * one. Nothing is left behind when it cannot be made.
     *
     * @throws IllegalArgumentException naming the profile and the card, when the card is not in sMLU mode, its share
     *                                  does not fit, or CNDEV fails
     */
    synchronized SmluClaim claim(ContainerIdentity container, PhysicalDevice card, CambriconProfile profile) {
        var what = "sMLU profile " + CambriconProfileCodec.INSTANCE.encode(profile) + " on card " + card.uuid()
                + " (index " + card.index() + ")";
        long bytes = (long) profile.memoryUnits() * CambriconProfile.MEMORY_UNIT.mib() << 20;
        try (var _ = cndev.start()) {
            var api = cndev.api();
            var device = api.deviceHandle(card.index()).orThrow();
            var mode = api.smluMode(device);
            if (!mode.optional().orElse(false)) {
                throw new IllegalArgumentException(what + ": " + (mode.ok() ? "the card is not in sMLU mode"
                        : mode.failure().getMessage()));
            }
            var name = instanceName(container);
            var existing = api.smluInstances(device).orThrow().stream().filter(i -> i.instanceName().equals(name)).findFirst();
            if (existing.isPresent()) {
                var found = existing.get();
                if (found.mluQuota() == profile.cores() && found.memoryBytes() == bytes) {
                    LOG.info("{}: instance {} of container {} exists already; handed out again", what, found.instanceId(), name);
                    return new SmluClaim(this, card, found);
                }
                destroy(api, card.index(), device, found);
            }
            return new SmluClaim(this, card, make(api, device, profile.cores(), bytes, name, what));
        } catch (NativeCallException | NativeLibraryException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
    }

    /** Makes an instance from a profile of the share, creating the profile where the card has none; all or nothing. */
    private static CndevSmluInstance make(CndevApi api, CndevDevice device, int cores, long bytes, String name, String what) {
        Optional<Integer> fitting = Optional.empty();
        for (int id : api.smluProfileIds(device).orThrow()) {
            var p = api.smluProfile(device, id).orThrow();
            if (p.mluQuota() == cores && p.memoryBytes() == bytes) {
                if (p.remainCapacity() < 1) {
                    throw new IllegalArgumentException(what + ": the card has room for no more instance of its profile "
                            + id + " (" + p.totalCapacity() + " when the card holds no other instance)");
                }
                fitting = Optional.of(id);
                break;
            }
        }
        int profileId = fitting.isPresent() ? fitting.get() : api.createSmluProfile(device, cores, bytes).orThrow();
        try {
            int handle = api.createSmluInstance(device, profileId, name).orThrow();
            var made = api.smluInstance(handle);
            if (!made.ok()) {
                api.destroySmluInstance(handle);
            }
            return made.orThrow();
        } catch (NativeCallException e) {
            if (fitting.isEmpty()) {
                api.destroySmluProfile(device, profileId);
            }
            throw e;
        }
    }

    /** Destroys an instance, then its profile when no instance of the card uses it any more. */
    private static void destroy(CndevApi api, int cardIndex, CndevDevice device, CndevSmluInstance instance) {
        api.destroySmluInstance(instance.handle(cardIndex)).orThrow();
        if (api.smluInstances(device).orThrow().stream().noneMatch(i -> i.profileId() == instance.profileId())) {
            api.destroySmluProfile(device, instance.profileId()).orThrow();
        }
        LOG.info("destroyed sMLU instance {} ({}) of card {}", instance.instanceId(), instance.instanceName(), cardIndex);
    }

    /** Destroys the instance of a claim given back; never throws (what fails is logged and left for the sweep). */
    synchronized void release(PhysicalDevice card, CndevSmluInstance instance) {
        try (var _ = cndev.start()) {
            var api = cndev.api();
            destroy(api, card.index(), api.deviceHandle(card.index()).orThrow(), instance);
        } catch (NativeCallException | NativeLibraryException e) {
            LOG.warn("cannot destroy sMLU instance {} of card {} (destroyed once its pod is gone): {}",
                    instance.instanceName(), card.uuid(), e.getMessage());
        }
    }

    String visibleDevicesEnv() {
        return visibleDevicesEnv;
    }

    @Override
    public synchronized Set<String> podUids() throws IOException {
        var uids = new HashSet<String>();
        eachOwned((card, instance) -> uids.add(owner(instance.instanceName()).orElseThrow()));
        return uids;
    }

    @Override
    public synchronized void releaseGone(Set<String> gone) {
        try {
            eachOwned((card, instance) -> {
                if (gone.contains(owner(instance.instanceName()).orElseThrow())) {
                    try (var _ = cndev.start()) {
                        destroy(cndev.api(), card, cndev.api().deviceHandle(card).orThrow(), instance);
                    } catch (NativeCallException e) {
                        LOG.warn("cannot destroy sMLU instance {} of card {} (tried again next round): {}",
                                instance.instanceName(), card, e.getMessage());
                    }
                }
            });
        } catch (IOException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    /** Calls {@code action} with the index of each card in sMLU mode and each of its instances that is ours. */
    private void eachOwned(BiConsumer<Integer, CndevSmluInstance> action) throws IOException {
        try (var _ = cndev.start()) {
            var api = cndev.api();
            int count = api.deviceCount().orThrow();
            for (int index = 0; index < count; index++) {
                var device = api.deviceHandle(index).orThrow();
                if (api.smluMode(device).optional().orElse(false)) {
                    for (var instance : api.smluInstances(device).orThrow()) {
                        if (owner(instance.instanceName()).isPresent()) {
                            action.accept(index, instance);
                        }
                    }
                }
            }
        } catch (NativeCallException | NativeLibraryException e) {
            throw new IOException("cannot list the sMLU instances of " + cndev.library() + ": " + e.getMessage(), e);
        }
    }
}
