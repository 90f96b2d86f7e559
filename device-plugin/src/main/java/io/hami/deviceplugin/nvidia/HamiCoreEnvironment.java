package io.hami.deviceplugin.nvidia;

import io.hami.deviceplugin.allocate.ContainerEnvironment;
import io.hami.model.container.ContainerIdentity;
import io.hami.model.container.ContainerSpec;
import io.hami.model.container.HamiCoreContainer;
import io.hami.model.container.HamiCoreSettings;
import io.hami.model.device.ContainerDevices;
import java.util.Objects;

/**
 * The NVIDIA container view: HAMi-core's variables and mounts, from the one pure function the runtime shim
 * shares ({@link HamiCoreContainer#spec}).
 *
 * @param settings the node's HAMi-core settings
 */
public record HamiCoreEnvironment(HamiCoreSettings settings) implements ContainerEnvironment {

    public HamiCoreEnvironment {
        Objects.requireNonNull(settings, "settings");
    }

    @Override
    public ContainerSpec spec(ContainerDevices devices, ContainerIdentity id, String cacheId, boolean disableControl) {
        return HamiCoreContainer.spec(devices, id, settings, cacheId, disableControl);
    }

    @Override
    public String hostContainerDir(ContainerIdentity id) {
        return settings.hostContainerDir(id);
    }
}
