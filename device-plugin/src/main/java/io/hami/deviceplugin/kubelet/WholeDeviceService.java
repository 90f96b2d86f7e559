package io.hami.deviceplugin.kubelet;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.kubelet.v1beta1.AllocateRequest;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.kubelet.v1beta1.Device;
import io.hami.kubelet.v1beta1.DevicePluginGrpc;
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.Empty;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import io.hami.kubelet.v1beta1.PreStartContainerRequest;
import io.hami.kubelet.v1beta1.PreStartContainerResponse;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * kubelet's {@code v1beta1.DevicePlugin} service for a {@link WholeDeviceResource}: ListAndWatch offers its devices
 * with their health in the node's inventory (re-sent when it changes), Allocate refuses an ID it does not offer and otherwise
 * answers what the resource gives a container.
 */
public final class WholeDeviceService extends DevicePluginGrpc.DevicePluginImplBase {

    private final DeviceInventory inventory;
    private final WholeDeviceResource resource;
    private final Set<String> known;

    public WholeDeviceService(DeviceInventory inventory, WholeDeviceResource resource) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.known = new HashSet<>(resource.ids());
    }

    ListAndWatchResponse response() {
        var out = ListAndWatchResponse.newBuilder();
        for (var id : resource.ids()) {
            out.addDevices(Device.newBuilder().setID(id)
                    .setHealth(inventory.isHealthy(id) ? VirtualDevices.HEALTHY : VirtualDevices.UNHEALTHY));
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
                if (!known.contains(id)) {
                    observer.onError(Status.INVALID_ARGUMENT.withDescription("device ID " + id + " from kubelet is not a "
                            + resource.name() + " device of this node").asRuntimeException());
                    return;
                }
            }
            response.addContainerResponses(resource.allocate().apply(container.getDevicesIdsList()));
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
