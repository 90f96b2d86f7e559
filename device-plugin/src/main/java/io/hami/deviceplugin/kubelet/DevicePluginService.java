package io.hami.deviceplugin.kubelet;

import io.grpc.Status;
import io.grpc.StatusException;
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
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.DeviceSpec;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import io.hami.kubelet.v1beta1.Mount;
import io.hami.kubelet.v1beta1.PreferredAllocationRequest;
import io.hami.kubelet.v1beta1.PreferredAllocationResponse;
import java.util.List;
import java.util.Objects;

/**
 * kubelet's {@code v1beta1.DevicePlugin} service over the plugin's parts: ListAndWatch from the
 * {@link DeviceInventory}, Allocate through the {@link Allocator}, GetPreferredAllocation from an
 * {@link AllocationPreview} (in lockless mode from kubelet's request alone), PreStartContainer a no-op; an Allocate naming an ID that is no slot of its devices is refused
 * before anything is read or written. In lockless mode {@code Allocate} needs no pod: each container
 * gets only {@link AllocationStore#LOCKLESS_DEVICES_ENV}, and the runtime shim adds its limits, device nodes and mounts
 * from the allocation store when the container is created (docs/protocol.md, "Binds without the node lock"). Allocation failures were logged by the allocator and
 * reach kubelet as a gRPC status whose description says what is wrong.
 */
public final class DevicePluginService extends InventoryService {

    private final int splitCount;
    private final boolean numaTopology;
    private final Allocator allocator;
    private final AllocationPreview preview;
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
        super(inventory, options);
        this.splitCount = splitCount;
        this.numaTopology = numaTopology;
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.preview = Objects.requireNonNull(preview, "preview");
        this.lockless = lockless;
    }

    @Override
    ListAndWatchResponse response() {
        return VirtualDevices.response(inventory.snapshot(), splitCount, numaTopology);
    }

    @Override
    String offered() {
        return "a slot of this plugin's devices";
    }

    @Override
    AllocateResponse answer(AllocateRequest request) throws StatusException {
        var counts = request.getContainerRequestsList().stream().map(ContainerAllocateRequest::getDevicesIdsCount).toList();
        var response = AllocateResponse.newBuilder();
        if (lockless) {
            counts.forEach(n -> response.addContainerResponses(ContainerAllocateResponse.newBuilder()
                    .putEnvs(AllocationStore.LOCKLESS_DEVICES_ENV, Integer.toString(n))));
            return response.build();
        }
        AllocationPlan plan;
        try {
            plan = allocator.allocate(counts);
        } catch (AllocateException e) {
            throw status(e).withDescription(e.getMessage()).asException();
        }
        plan.containers().forEach(c -> response.addContainerResponses(container(c)));
        return response.build();
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
        // lockless: no lock names the pod kubelet admits, and binds run side by side, so the pending pod HAMi's rule
        // finds is a guess (a lockless pod stays "allocating" until it runs); the shim takes the GPUs from the pod's
        // record and the slots only count, so kubelet's admission, one pod at a time, is not held up reading the API
        var wanted = lockless ? List.<List<String>>of() : preview.nextDevices();
        var response = PreferredAllocationResponse.newBuilder();
        for (int i = 0; i < request.getContainerRequestsCount(); i++) {
            var r = request.getContainerRequests(i);
            var ids = PreferredDevices.choose(r.getAvailableDeviceIDsList(), r.getMustIncludeDeviceIDsList(),
                    r.getAllocationSize(), i < wanted.size() ? wanted.get(i) : List.of());
            response.addContainerResponses(ContainerPreferredAllocationResponse.newBuilder().addAllDeviceIDs(ids));
        }
        reply(observer, response.build());
    }
}
