package io.hami.deviceplugin.allocate;

import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.Mount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a container needs on the host beyond its answer, where the vendor keeps state per container (Hygon's vDCU
 * configuration, Cambricon's sMLU instances): reserved while the plan is made, so that the containers of one {@code Allocate} never share it;
 * written only once the whole plan stands; released when that {@code Allocate} fails after all, or when its pod is
 * gone. The {@link Allocator} writes every claim of a plan before it writes the pod, and releases them all when
 * anything fails.
 */
public interface HostClaim {

    /** The mounts the claim adds to the container's answer, after the vendor's own. */
    List<Mount> mounts();

    /**
     * The container's answer with the claim in it, from the vendor's answer for the share: by default its mounts added
     * after the vendor's own. A claim that stands for a device of its own (an sMLU instance) also adds that device's
     * node and names it in place of the whole card.
     */
    default ContainerSpec answer(ContainerSpec vendorSpec) {
        var mounts = new ArrayList<>(vendorSpec.mounts());
        mounts.addAll(mounts());
        return new ContainerSpec(vendorSpec.env(), mounts, vendorSpec.devices(), vendorSpec.annotations(),
                vendorSpec.cdiDevices());
    }

    /**
     * Writes the claim's files on the host.
     *
     * @throws IOException when a file cannot be written, or the claim was released meanwhile (its pod is gone)
     */
    void write() throws IOException;

    /**
     * Removes what {@link #write} made and frees what was reserved. Never throws: what cannot be removed is logged and
     * stays reserved, so that nothing else is given the same ids. Calling it again does no harm.
     */
    void release();
}
