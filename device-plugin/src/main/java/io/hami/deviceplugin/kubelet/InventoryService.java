package io.hami.deviceplugin.kubelet;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.kubelet.v1beta1.AllocateRequest;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.kubelet.v1beta1.DevicePluginGrpc;
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.Empty;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import io.hami.kubelet.v1beta1.PreStartContainerRequest;
import io.hami.kubelet.v1beta1.PreStartContainerResponse;
import java.util.Objects;

/**
 * What every {@code v1beta1.DevicePlugin} service of ours does the same way, written once: the options it was given,
 * ListAndWatch re-sent on every change of the node's {@link DeviceInventory}, a no-op PreStartContainer, and an Allocate
 * that refuses, before anything else, the first device ID it does not offer. A service says what it offers and how it
 * answers an Allocate whose IDs are all offered.
 */
abstract class InventoryService extends DevicePluginGrpc.DevicePluginImplBase {

    final DeviceInventory inventory;
    private final DevicePluginOptions options;

    InventoryService(DeviceInventory inventory, DevicePluginOptions options) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** What ListAndWatch sends now and after every change of the inventory. */
    abstract ListAndWatchResponse response();

    /** What the service offers, as refusals name it: "a nvidia.com/gpu slot of this node". */
    abstract String offered();

    /** The answer to an Allocate whose every device ID is offered; a failure is the gRPC status kubelet sees. */
    abstract AllocateResponse answer(AllocateRequest request) throws StatusException;

    /** Whether {@code id} is offered; by default, a slot ({@code <uuid>-<n>}) of a device of the inventory. */
    boolean offers(String id) {
        var uuid = VirtualDevices.uuidOf(id);
        return uuid.isPresent() && inventory.knows(uuid.get());
    }

    @Override
    public final void getDevicePluginOptions(Empty request, StreamObserver<DevicePluginOptions> observer) {
        reply(observer, options);
    }

    @Override
    public final void listAndWatch(Empty request, StreamObserver<ListAndWatchResponse> observer) {
        VirtualDevices.stream(inventory, observer, this::response);
    }

    @Override
    public final void allocate(AllocateRequest request, StreamObserver<AllocateResponse> observer) {
        for (var container : request.getContainerRequestsList()) {
            for (var id : container.getDevicesIdsList()) {
                if (!offers(id)) {
                    observer.onError(Status.INVALID_ARGUMENT
                            .withDescription("device ID " + id + " from kubelet is not " + offered()).asRuntimeException());
                    return;
                }
            }
        }
        AllocateResponse response;
        try {
            response = answer(request);
        } catch (StatusException e) {
            observer.onError(e.getStatus().asRuntimeException(e.getTrailers()));
            return;
        }
        reply(observer, response);
    }

    @Override
    public final void preStartContainer(PreStartContainerRequest request, StreamObserver<PreStartContainerResponse> observer) {
        reply(observer, PreStartContainerResponse.getDefaultInstance());
    }

    /** Answers a unary call. */
    static <T> void reply(StreamObserver<T> observer, T value) {
        observer.onNext(value);
        observer.onCompleted();
    }
}
