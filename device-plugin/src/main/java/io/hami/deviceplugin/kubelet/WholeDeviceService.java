package io.hami.deviceplugin.kubelet;

import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.kubelet.v1beta1.AllocateRequest;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.kubelet.v1beta1.Device;
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import java.util.Objects;
import java.util.Set;

/**
 * kubelet's {@code v1beta1.DevicePlugin} service for a {@link WholeDeviceResource}: ListAndWatch offers its devices
 * with their health in the node's inventory (re-sent when it changes), Allocate refuses an ID it does not offer and otherwise
 * answers what the resource gives a container.
 */
public final class WholeDeviceService extends InventoryService {

    private final WholeDeviceResource resource;
    private final Set<String> known;

    public WholeDeviceService(DeviceInventory inventory, WholeDeviceResource resource) {
        super(inventory, DevicePluginOptions.getDefaultInstance());
        this.resource = Objects.requireNonNull(resource, "resource");
        this.known = Set.copyOf(resource.ids());
    }

    @Override
    ListAndWatchResponse response() {
        var out = ListAndWatchResponse.newBuilder();
        for (var id : resource.ids()) {
            out.addDevices(Device.newBuilder().setID(id)
                    .setHealth(inventory.isHealthy(id) ? VirtualDevices.HEALTHY : VirtualDevices.UNHEALTHY));
        }
        return out.build();
    }

    @Override
    boolean offers(String id) {
        return known.contains(id);
    }

    @Override
    String offered() {
        return "a " + resource.name() + " device of this node";
    }

    @Override
    AllocateResponse answer(AllocateRequest request) {
        var response = AllocateResponse.newBuilder();
        for (var container : request.getContainerRequestsList()) {
            response.addContainerResponses(resource.allocate().apply(container.getDevicesIdsList()));
        }
        return response.build();
    }
}
