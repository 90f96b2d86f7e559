package io.hami.deviceplugin.kubelet;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.hami.deviceplugin.allocate.AllocateException;
import io.hami.deviceplugin.allocate.AllocationPlan;
import io.hami.deviceplugin.allocate.AllocationPreview;
import io.hami.deviceplugin.allocate.Allocator;
import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.model.store.AllocationStore;
import io.hami.kubelet.v1beta1.AllocateRequest;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.kubelet.v1beta1.ContainerAllocateRequest;
import io.hami.kubelet.v1beta1.CDIDevice;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.ContainerPreferredAllocationResponse;
import io.hami.kubelet.v1beta1.DevicePluginGrpc;
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.DeviceSpec;
import io.hami.kubelet.v1beta1.Empty;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import io.hami.kubelet.v1beta1.Mount;
import io.hami.kubelet.v1beta1.PreStartContainerRequest;
import io.hami.kubelet.v1beta1.PreStartContainerResponse;
import io.hami.kubelet.v1beta1.PreferredAllocationRequest;
import io.hami.kubelet.v1beta1.PreferredAllocationResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * kubelet's {@code v1beta1.DevicePlugin} service over the plugin's parts: ListAndWatch from the
 * {@link DeviceInventory}, Allocate through the {@link Allocator}, GetPreferredAllocation from an
 * {@link AllocationPreview}, PreStartContainer a no-op. In lockless mode {@code Allocate} needs no pod: each container
 * gets only {@link AllocationStore#LOCKLESS_DEVICES_ENV}, and the runtime shim adds its limits, device nodes and mounts
 * from the allocation store when the container is created (docs/protocol.md, "Binds without the node lock"). Allocation failures were logged by the allocator and
 * reach kubelet as a gRPC status whose description says what is wrong.
 */
public final class DevicePluginService extends DevicePluginGrpc.DevicePluginImplBase {

    private final DeviceInventory inventory;
    private final int splitCount;
    private final boolean numaTopology;
    private final Allocator allocator;
    private final AllocationPreview preview;
    private final DevicePluginOptions options;
    private final boolean lockless;

    /** A service on HAMi's lock protocol. */
    public DevicePluginService(DeviceInventory inventory, int splitCount, boolean numaTopology, Allocator allocator,
                        AllocationPreview preview, DevicePluginOptions options) {
        this(inventory, splitCount, numaTopology, allocator, preview, options, false);
    }

    /**
     * @param splitCount   slots offered per device
     * @param numaTopology whether devices carry their NUMA node
     * @param lockless     whether {@code Allocate} answers without the pod, leaving the container to the runtime shim
     */
    public DevicePluginService(DeviceInventory inventory, int splitCount, boolean numaTopology, Allocator allocator,
                        AllocationPreview preview, DevicePluginOptions options, boolean lockless) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.splitCount = splitCount;
        this.numaTopology = numaTopology;
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.preview = Objects.requireNonNull(preview, "preview");
        this.options = Objects.requireNonNull(options, "options");
        this.lockless = lockless;
    }

    @Override
    public void getDevicePluginOptions(Empty request, StreamObserver<DevicePluginOptions> observer) {
        observer.onNext(options);
        observer.onCompleted();
    }

    @Override
    public void listAndWatch(Empty request, StreamObserver<ListAndWatchResponse> observer) {
        VirtualDevices.stream(inventory, observer,
                () -> VirtualDevices.response(inventory.snapshot(), splitCount, numaTopology));
    }

    @Override
    public void allocate(AllocateRequest request, StreamObserver<AllocateResponse> observer) {
        var unknown = unknownIds(request);
        if (unknown.isPresent()) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(unknown.get()).asRuntimeException());
            return;
        }
        var counts = request.getContainerRequestsList().stream().map(ContainerAllocateRequest::getDevicesIdsCount).toList();
        if (lockless) {
            var response = AllocateResponse.newBuilder();
            counts.forEach(n -> response.addContainerResponses(ContainerAllocateResponse.newBuilder()
                    .putEnvs(AllocationStore.LOCKLESS_DEVICES_ENV, Integer.toString(n))));
            observer.onNext(response.build());
            observer.onCompleted();
            return;
        }
        AllocationPlan plan;
        try {
            plan = allocator.allocate(counts);
        } catch (AllocateException e) {
            observer.onError(status(e).withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        var response = AllocateResponse.newBuilder();
        plan.containers().forEach(c -> response.addContainerResponses(container(c)));
        observer.onNext(response.build());
        observer.onCompleted();
    }

    /**
     * The first device ID kubelet sent that names no slot of this plugin's devices, as the error to answer; such a
     * request is refused before anything is read or written.
     */
    private Optional<String> unknownIds(AllocateRequest request) {
        for (var container : request.getContainerRequestsList()) {
            for (var id : container.getDevicesIdsList()) {
                var uuid = VirtualDevices.uuidOf(id);
                if (uuid.isEmpty() || !inventory.knows(uuid.get())) {
                    return Optional.of("device ID " + id + " from kubelet is not a slot of this plugin's devices");
                }
            }
        }
        return Optional.empty();
    }

    private static ContainerAllocateResponse container(AllocationPlan.ContainerAllocation allocation) {
        var out = ContainerAllocateResponse.newBuilder().putAllEnvs(allocation.spec().env());
        for (var m : allocation.spec().mounts()) {
            out.addMounts(Mount.newBuilder().setContainerPath(m.containerPath()).setHostPath(m.hostPath()).setReadOnly(m.readOnly()));
        }
        for (var d : allocation.spec().devices()) {
            out.addDevices(DeviceSpec.newBuilder().setContainerPath(d.containerPath()).setHostPath(d.hostPath())
                    .setPermissions(d.permissions()));
        }
        out.putAllAnnotations(allocation.spec().annotations());
        for (var name : allocation.spec().cdiDevices()) {
            out.addCdiDevices(CDIDevice.newBuilder().setName(name));
        }
        return out.build();
    }

    /** The gRPC status kubelet sees for each kind of failure. */
    static Status status(AllocateException e) {
        return switch (e.reason()) {
            case NO_PENDING_POD -> Status.NOT_FOUND;
            case BAD_ALLOCATION -> Status.FAILED_PRECONDITION;
            case TIMEOUT -> Status.DEADLINE_EXCEEDED;
            case API_ERROR -> Status.UNAVAILABLE;
            case HOST_ERROR, INTERNAL -> Status.INTERNAL;
        };
    }

    @Override
    public void getPreferredAllocation(PreferredAllocationRequest request, StreamObserver<PreferredAllocationResponse> observer) {
        var wanted = preview.nextDevices();
        var response = PreferredAllocationResponse.newBuilder();
        for (int i = 0; i < request.getContainerRequestsCount(); i++) {
            var r = request.getContainerRequests(i);
            var ids = PreferredDevices.choose(r.getAvailableDeviceIDsList(), r.getMustIncludeDeviceIDsList(),
                    r.getAllocationSize(), i < wanted.size() ? wanted.get(i) : List.of());
            response.addContainerResponses(ContainerPreferredAllocationResponse.newBuilder().addAllDeviceIDs(ids));
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
