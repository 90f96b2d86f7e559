package io.hami.deviceplugin.kubelet;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.kubelet.v1beta1.AllocateRequest;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.Device;
import io.hami.kubelet.v1beta1.DevicePluginGrpc;
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.Empty;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import io.hami.kubelet.v1beta1.PreStartContainerRequest;
import io.hami.kubelet.v1beta1.PreStartContainerResponse;
import java.util.Objects;

/**
 * kubelet's {@code v1beta1.DevicePlugin} service for a {@link SlotResource}: ListAndWatch offers each device's slots
 * ({@code <uuid>-<n>}) with the device's health, Allocate checks that every ID is a slot of this node and answers an
 * empty response per container (the count resource's {@code Allocate} hands out the devices).
 */
public final class SlotResourceService extends DevicePluginGrpc.DevicePluginImplBase {

    private final DeviceInventory inventory;
    private final SlotResource resource;

    public SlotResourceService(DeviceInventory inventory, SlotResource resource) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** The slots of every device, with its health. */
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
    public void getDevicePluginOptions(Empty request, StreamObserver<DevicePluginOptions> observer) {
        observer.onNext(DevicePluginOptions.getDefaultInstance());
        observer.onCompleted();
    }

    @Override
    public void listAndWatch(Empty request, StreamObserver<ListAndWatchResponse> observer) {
        VirtualDevices.stream(inventory, observer, this::response);
    }

    @Override
    public void allocate(AllocateRequest request, StreamObserver<AllocateResponse> observer) {
        var response = AllocateResponse.newBuilder();
        for (var container : request.getContainerRequestsList()) {
            for (var id : container.getDevicesIdsList()) {
                var uuid = VirtualDevices.uuidOf(id);
                if (uuid.isEmpty() || !inventory.knows(uuid.get())) {
                    observer.onError(Status.INVALID_ARGUMENT.withDescription("device ID " + id + " from kubelet is not a "
                            + resource.name() + " slot of this node").asRuntimeException());
                    return;
                }
            }
            response.addContainerResponses(ContainerAllocateResponse.getDefaultInstance());
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void preStartContainer(PreStartContainerRequest request, StreamObserver<PreStartContainerResponse> observer) {
        observer.onNext(PreStartContainerResponse.getDefaultInstance());
        observer.onCompleted();
    }
}
