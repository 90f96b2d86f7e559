package io.hami.deviceplugin.kubelet;

import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.kubelet.v1beta1.AllocateRequest;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.Device;
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import java.util.Objects;

/**
 * kubelet's {@code v1beta1.DevicePlugin} service for a {@link SlotResource}: ListAndWatch offers each device's slots
 * ({@code <uuid>-<n>}) with the device's health, Allocate checks that every ID is a slot of this node and answers an
 * empty response per container (the count resource's {@code Allocate} hands out the devices).
 */
public final class SlotResourceService extends InventoryService {

    private final SlotResource resource;

    public SlotResourceService(DeviceInventory inventory, SlotResource resource) {
        super(inventory, DevicePluginOptions.getDefaultInstance());
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** The slots of every device, with its health. */
    @Override
    ListAndWatchResponse response() {
        var out = ListAndWatchResponse.newBuilder();
        for (var state : inventory.snapshot()) {
            var device = Device.newBuilder().setHealth(state.healthy() ? VirtualDevices.HEALTHY : VirtualDevices.UNHEALTHY);
            int slots = resource.slots().applyAsInt(state.device());
            for (int n = 0; n < slots; n++) {
                out.addDevices(device.setID(VirtualDevices.id(state.device().uuid(), n)).build());
            }
        }
        return out.build();
    }

    @Override
    String offered() {
        return "a " + resource.name() + " slot of this node";
    }

    @Override
    AllocateResponse answer(AllocateRequest request) {
        var response = AllocateResponse.newBuilder();
        request.getContainerRequestsList().forEach(c -> response.addContainerResponses(ContainerAllocateResponse.getDefaultInstance()));
        return response.build();
    }
}
