package io.hami.deviceplugin.nvidia;

import io.hami.deviceplugin.allocate.ContainerEnvironment;
import io.hami.deviceplugin.allocate.ContainerShare;
import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.HamiCoreView;
import io.hami.model.protocol.HamiCoreSettings;
import java.util.Objects;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The NVIDIA container view: HAMi-core's variables and mounts, from the one pure function the runtime shim
 * shares ({@link HamiCoreView#spec}).
 *
 * @param settings the node's HAMi-core settings
 */
public record HamiCoreEnvironment(HamiCoreSettings settings) implements ContainerEnvironment {

    public HamiCoreEnvironment {
        Objects.requireNonNull(settings, "settings");
    }

    @Override
    public ContainerSpec spec(ContainerShare share) {
        return HamiCoreView.spec(share.devices(), share.id(), settings, share.cacheId(), share.disableControl());
    }

    @Override
    public Optional<Path> directoryRoot(ContainerShare share) {
        return Optional.of(Path.of(settings.vgpuDir()));
    }
}
