package io.hami.bindings.discovery;

import io.hami.bindings.ffm.NativeCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The facts of one device as a vendor's discovery reads them, one call at a time: each fact is read on its own,
 * so one failed call costs one fact and is recorded as a problem naming the device and the call. After a
 * status that means the device is gone nothing more is asked of it, since every call would fail alike. A
 * function the library lacks is recorded but says nothing about the device's health.
 *
 * <p>A supplier returning null means "not offered here" (empty, no problem). Not thread-safe: one per device.
 */
public final class DeviceFacts {

    /** Device memory in MiB. */
    public record Memory(long totalMiB, long usedMiB) {
    }

    private final DeviceVendor vendor;
    private final int index;
    private final List<String> problems = new ArrayList<>();
    private Optional<String> uuid = Optional.empty();
    private Optional<String> model = Optional.empty();
    private Optional<Memory> memory = Optional.empty();
    private OptionalInt utilization = OptionalInt.empty();
    private OptionalInt numa = OptionalInt.empty();
    private Optional<String> pciBusId = Optional.empty();
    private OptionalInt minor = OptionalInt.empty();
    private List<String> deviceNodes = List.of();
    private Optional<Boolean> migEnabled = Optional.empty();
    private List<DiscoveredMigDevice> migDevices = List.of();
    private boolean lost;
    private boolean unhealthy;

    DeviceFacts(DeviceVendor vendor, int index) {
        this.vendor = vendor;
        this.index = index;
    }

    /** The fact, or empty with the failure recorded; nothing is asked once the device is gone. */
    public <T> Optional<T> read(Supplier<T> call) {
        if (lost) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(call.get());
        } catch (NativeCallException e) {
            lost = e.deviceLost();
            unhealthy |= !e.missingFunction();
            problem(e.getMessage());
            return Optional.empty();
        }
    }

    /** Records a problem that is not a failed call, e.g. the vendor's health check saying no. */
    public void unhealthy(String why) {
        unhealthy = true;
        problem(why);
    }

    private void problem(String text) {
        problems.add("device " + index + uuid.map(u -> " (" + u + ")").orElse("") + ": " + text);
    }

    public void uuid(Supplier<String> call) {
        uuid = read(call);
    }

    public void model(Supplier<String> call) {
        model = read(call);
    }

    public void memory(Supplier<Memory> call) {
        memory = read(call);
    }

    /** Percent busy; clamped to 0..100, since a library's sample may overshoot. */
    public void utilization(Supplier<Integer> call) {
        utilization = read(call).map(u -> OptionalInt.of(Math.clamp(u, 0, 100))).orElse(OptionalInt.empty());
    }

    /** The vendor's own health check: null when healthy, else one line saying why not. */
    public void health(Supplier<String> call) {
        read(call).ifPresent(this::unhealthy);
    }

    public void numa(Supplier<Integer> call) {
        numa = read(call).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** The PCI address in the library's own text, where it has one (NVML's bus id). */
    public void pciBusId(Supplier<String> call) {
        pciBusId = read(call);
    }

    /** The PCI address, printed in the sysfs form; returned for NUMA lookups. */
    public Optional<PciAddress> pci(Supplier<PciAddress> call) {
        var address = read(call);
        pciBusId = address.map(PciAddress::toString);
        return address;
    }

    /** The device's node number; returned so that the device nodes can be named after it. */
    public OptionalInt minor(Supplier<Integer> call) {
        minor = read(call).map(OptionalInt::of).orElse(OptionalInt.empty());
        return minor;
    }

    /** The device's nodes, as the vendor named them. */
    public void deviceNodes(List<String> nodes) {
        deviceNodes = List.copyOf(nodes);
    }

    /**
     * The device's nodes: each of {@code perDevice} with {@code {n}} replaced by the device's number (left out
     * when the number is unknown), then the vendor's {@code shared} control nodes.
     */
    public void deviceNodes(OptionalInt n, List<String> perDevice, List<String> shared) {
        var nodes = new ArrayList<String>();
        n.ifPresent(number -> perDevice.forEach(p -> nodes.add(p.replace("{n}", Integer.toString(number)))));
        nodes.addAll(shared);
        deviceNodes = List.copyOf(nodes);
    }

    public void migEnabled(Supplier<Boolean> call) {
        migEnabled = read(call);
    }

    /** Whether MIG was read as enabled; the MIG devices are asked for only then. */
    public boolean migOn() {
        return migEnabled.orElse(false);
    }

    public void migDevices(Supplier<List<DiscoveredMigDevice>> call) {
        migDevices = read(call).orElse(List.of());
    }

    /** Whether a call said the device is gone. */
    public boolean lost() {
        return lost;
    }

    DiscoveredDevice device() {
        return new DiscoveredDevice(vendor, index, uuid, model,
                memory.map(m -> OptionalLong.of(m.totalMiB())).orElse(OptionalLong.empty()),
                memory.map(m -> OptionalLong.of(m.usedMiB())).orElse(OptionalLong.empty()), utilization, !unhealthy,
                numa, pciBusId, minor, deviceNodes, migEnabled, migDevices, problems);
    }
}
