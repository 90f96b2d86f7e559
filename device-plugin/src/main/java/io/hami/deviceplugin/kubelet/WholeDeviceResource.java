package io.hami.deviceplugin.kubelet;

import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A resource whose devices are handed out whole, one kubelet device each, outside HAMi-core sharing: NVIDIA's MIG
 * devices under the static MIG strategies ({@code nvidia.com/mig-1g.5gb}, or {@code nvidia.com/gpu} under
 * {@code single}). kubelet picks the devices; {@code Allocate} answers what a container gets for them.
 *
 * @param name     the resource name, e.g. {@code nvidia.com/mig-1g.5gb}
 * @param suffix   the plugin socket's suffix (as {@link SlotResource#endpoint} uses it)
 * @param ids      the device IDs kubelet is offered
 * @param allocate what a container gets for the IDs kubelet picked (all known)
 */
public record WholeDeviceResource(String name, String suffix, List<String> ids,
                                  Function<List<String>, ContainerAllocateResponse> allocate) {

    public WholeDeviceResource {
        new SlotResource(name, suffix, d -> 0); // the same rules for the name and the suffix
        ids = List.copyOf(ids);
        Objects.requireNonNull(allocate, "allocate");
    }

    /** The socket file name of this resource beside the plugin's own {@code endpoint}. */
    public String endpoint(String endpoint) {
        return new SlotResource(name, suffix, d -> 0).endpoint(endpoint);
    }
}
