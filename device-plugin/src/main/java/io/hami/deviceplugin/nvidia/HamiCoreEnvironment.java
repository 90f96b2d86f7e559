package io.hami.deviceplugin.nvidia;

import io.hami.deviceplugin.allocate.ContainerEnvironment;
import io.hami.model.protocol.ContainerIdentity;
import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.HamiCoreView;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.device.ContainerDevices;
import java.util.Objects;
import java.nio.file.Path;

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
    public ContainerSpec spec(ContainerDevices devices, ContainerIdentity id, String cacheId, boolean disableControl) {
        return HamiCoreView.spec(devices, id, settings, cacheId, disableControl);
    }

    @Override
    public Path vgpuDir() {
        return Path.of(settings.vgpuDir());
    }
}
