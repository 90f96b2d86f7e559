package io.hami.deviceplugin.kubelet;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.deviceplugin.devices.DeviceInventory.DeviceState;
import io.hami.kubelet.v1beta1.Device;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import io.hami.kubelet.v1beta1.NUMANode;
import io.hami.kubelet.v1beta1.TopologyInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HAMi's device-plugin trick (docs/protocol.md, "Device IDs offered to kubelet"): each physical device is offered to
 * kubelet as {@code splitCount} interchangeable IDs {@code <uuid>-<n>}, so that kubelet's integer accounting counts
 * containers, not GPUs. Which GPU a container really gets is the scheduler's choice, read from the pod.
 */
public final class VirtualDevices {
    /** kubelet's word for a usable device. */
    public static final String HEALTHY = "Healthy";
    /** kubelet's word for a device it must not hand out. */
    public static final String UNHEALTHY = "Unhealthy";

    private VirtualDevices() {
    }

    /** The {@code n}-th slot of the device {@code uuid}. */
    public static String id(String uuid, int n) {
        return uuid + "-" + n;
    }

    /** The device UUID of a slot ID; empty when the ID has no {@code -<n>} suffix. */
    public static Optional<String> uuidOf(String id) {
        int dash = id.lastIndexOf('-');
        if (dash <= 0 || dash == id.length() - 1 || !id.substring(dash + 1).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(id.substring(0, dash));
    }

    /**
     * The ListAndWatch answer for these devices: {@code splitCount} slots each, carrying the device's health and,
     * when {@code numaTopology} is set and the NUMA node is known, its NUMA node for kubelet's Topology Manager.
     */
    public static ListAndWatchResponse response(List<DeviceState> devices, int splitCount, boolean numaTopology) {
        var out = ListAndWatchResponse.newBuilder();
        for (var state : devices) {
            var d = state.device();
            var device = Device.newBuilder().setHealth(state.healthy() ? HEALTHY : UNHEALTHY);
            if (numaTopology && d.numa().isPresent()) {
                device.setTopology(TopologyInfo.newBuilder().addNodes(NUMANode.newBuilder().setID(d.numa().getAsInt())));
            }
            for (int n = 0; n < splitCount; n++) {
                out.addDevices(device.setID(id(d.uuid(), n)).build());
            }
        }
        return out.build();
    }

    /**
     * Streams {@code response} to a ListAndWatch caller now and after every health change of the inventory, until the
     * caller goes away; one stream's messages never interleave.
     */
    static void stream(DeviceInventory inventory, StreamObserver<ListAndWatchResponse> observer,
                       Supplier<ListAndWatchResponse> response) {
        var call = (ServerCallStreamObserver<ListAndWatchResponse>) observer;
        Runnable send = () -> {
            synchronized (call) {
                if (!call.isCancelled()) {
                    call.onNext(response.get());
                }
            }
        };
        var subscription = inventory.onChange(send);
        call.setOnCancelHandler(subscription::close);
        send.run();
    }
}
