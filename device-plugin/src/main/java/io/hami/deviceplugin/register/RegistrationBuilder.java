package io.hami.deviceplugin.register;

import io.hami.deviceplugin.devices.DeviceInventory.DeviceState;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import java.util.List;
import java.util.Optional;

/**
 * The node's register annotation from its devices and the plugin's sharing settings
 * (docs/protocol.md, "Node annotations"): per device {@code count} = split count, {@code devmem} = floor(MiB × memory
 * scaling) (the configured memory when the library cannot tell), {@code devcore} = core scaling × 100, the type and
 * NUMA node as discovered, the sharing mode, and the current health. Pure.
 *
 * @param splitCount         containers per device
 * @param memoryScaling      factor on each device's memory; above 1 oversubscribes
 * @param coreScaling        factor on each device's compute
 * @param preconfiguredMiB   memory to register for devices whose memory is unknown; 0 for none
 * @param mode               the sharing mode, e.g. {@code hami-core}
 */
public record RegistrationBuilder(int splitCount, double memoryScaling, double coreScaling, long preconfiguredMiB,
                                  String mode) {

    public RegistrationBuilder {
        if (splitCount < 1) {
            throw new IllegalArgumentException("splitCount must be positive: " + splitCount);
        }
        if (!(memoryScaling > 0) || !(coreScaling > 0)) {
            throw new IllegalArgumentException("scaling factors must be positive: " + memoryScaling + ", " + coreScaling);
        }
        if (preconfiguredMiB < 0) {
            throw new IllegalArgumentException("preconfiguredMiB must not be negative: " + preconfiguredMiB);
        }
    }

    /** The registration; empty when there is no device to register (HAMi reads an empty list as an error). */
    public Optional<NodeRegistration> registration(List<DeviceState> devices) {
        if (devices.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NodeRegistration(devices.stream().map(this::device).toList()));
    }

    private NodeDevice device(DeviceState state) {
        var d = state.device();
        long mib = d.memoryMiB().orElse(preconfiguredMiB);
        return NodeDevice.of(d.uuid(), d.index(), splitCount, int32(Math.floor(mib * memoryScaling)),
                int32(Math.floor(coreScaling * 100)), d.type(), Math.max(d.numa().orElse(0), 0), mode, state.healthy());
    }

    private static int int32(double v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }
}
