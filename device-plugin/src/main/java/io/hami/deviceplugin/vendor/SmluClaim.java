package io.hami.deviceplugin.vendor;

import io.hami.bindings.cndev.Cndev;
import io.hami.bindings.cndev.CndevSmluInstance;
import io.hami.deviceplugin.allocate.HostClaim;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.device.CambriconProfileInstance;
import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.HostDevice;
import io.hami.model.protocol.Mount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A container's sMLU instance ({@link CambriconSmlus}), made while its {@code Allocate} is planned, since its device
 * node is known only once it exists: the container gets the instance's node beside its card's nodes, and
 * {@code VIRTUAL_DEVICES} (the card's node, its IPC node and the instance's node, as Cambricon's plugin names them for
 * Cambricon's runtime) in place of the whole card's visible-devices variable. Released, the instance is destroyed.
 */
final class SmluClaim implements HostClaim {
    private final CambriconSmlus smlus;
    private final PhysicalDevice card;
    private final CndevSmluInstance instance;
    private boolean released;

    SmluClaim(CambriconSmlus smlus, PhysicalDevice card, CndevSmluInstance instance) {
        this.smlus = smlus;
        this.card = card;
        this.instance = instance;
    }

    /** What {@code CAMBRICON_DSMLU_PROFILE_INSTANCE} says of the instance. */
    CambriconProfileInstance record() {
        return new CambriconProfileInstance(instance.profileId(), instance.handle(card.index()), card.index(),
                instance.instanceId());
    }

    @Override
    public List<Mount> mounts() {
        return List.of();
    }

    @Override
    public ContainerSpec answer(ContainerSpec vendorSpec) {
        var minor = DeviceNodeEnvironment.minor(card);
        var env = new LinkedHashMap<>(vendorSpec.env());
        env.remove(smlus.visibleDevicesEnv());
        env.put(CambriconSmlus.VIRTUAL_DEVICES, Cndev.PER_DEVICE_NODES.get(0).replace("{n}", minor) + ","
                + Cndev.PER_DEVICE_NODES.get(1).replace("{n}", minor) + "," + instance.deviceNode());
        var devices = new ArrayList<>(vendorSpec.devices());
        devices.add(new HostDevice(instance.deviceNode(), instance.deviceNode(), HostDevice.READ_WRITE));
        return new ContainerSpec(env, vendorSpec.mounts(), devices);
    }

    /** The instance exists already; only one destroyed meanwhile fails here. */
    @Override
    public void write() throws IOException {
        synchronized (smlus) {
            if (released) {
                throw new IOException("sMLU instance " + instance.instanceName() + " of card " + card.uuid()
                        + " was destroyed before it was handed out");
            }
        }
    }

    @Override
    public void release() {
        synchronized (smlus) {
            if (!released) {
                released = true;
                smlus.release(card, instance);
            }
        }
    }
}
