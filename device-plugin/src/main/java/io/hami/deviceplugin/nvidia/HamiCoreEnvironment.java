package io.hami.deviceplugin.nvidia;

import io.hami.deviceplugin.allocate.ContainerEnvironment;
import io.hami.deviceplugin.allocate.ContainerShare;
import io.hami.model.device.ContainerDevice;
import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.HamiCoreView;
import io.hami.model.protocol.HamiCoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The NVIDIA container view: HAMi-core's variables and mounts, from the one pure function the runtime shim
 * shares ({@link HamiCoreView#spec}), with the GPUs named as the device-list strategies say ({@link DeviceListing}).
 *
 * @param settings   the node's HAMi-core settings
 * @param listing    how the GPUs are named to the container runtime
 * @param nodeExists whether a control node exists on the host ({@code passDeviceSpecs} hands out those that do)
 */
public record HamiCoreEnvironment(HamiCoreSettings settings, DeviceListing listing, Predicate<String> nodeExists)
        implements ContainerEnvironment {

    public HamiCoreEnvironment {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(nodeExists, "nodeExists");
    }

    /** The default listing ({@code NVIDIA_VISIBLE_DEVICES}), on this machine's {@code /dev}. */
    public HamiCoreEnvironment(HamiCoreSettings settings) {
        this(settings, DeviceListing.envvar());
    }

    /** A listing on this machine's {@code /dev}. */
    public HamiCoreEnvironment(HamiCoreSettings settings, DeviceListing listing) {
        this(settings, listing, path -> Files.exists(Path.of(path)));
    }

    @Override
    public ContainerSpec spec(ContainerShare share) {
        var base = HamiCoreView.spec(share.devices(), share.id(), settings, share.cacheId(), share.disableControl());
        var uuids = share.devices().devices().stream().map(ContainerDevice::uuid).toList();
        return listing.apply(base, uuids, uuid -> share.node().apply(uuid).map(d -> d.minor())
                .orElse(OptionalInt.empty()), nodeExists, share.cacheId());
    }

    @Override
    public Optional<Path> directoryRoot(ContainerShare share) {
        return Optional.of(Path.of(settings.vgpuDir()));
    }
}
