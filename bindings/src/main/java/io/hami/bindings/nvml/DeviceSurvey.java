package io.hami.bindings.nvml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Reads {@link DeviceSummary}s for {@link Nvml#survey()}. Each fact is read on its own, so one failed call costs
 * one fact; after {@code GPU_IS_LOST} nothing more is asked of that device, since every call would fail. A
 * function the driver lacks ({@code FUNCTION_NOT_FOUND}) is reported but says nothing about the device's health.
 */
final class DeviceSurvey {

    private final Nvml nvml;
    private final int index;
    private final List<String> problems = new ArrayList<>();
    private Optional<String> uuid = Optional.empty();
    private boolean lost;
    private boolean unhealthy;

    private DeviceSurvey(Nvml nvml, int index) {
        this.nvml = nvml;
        this.index = index;
    }

    static List<DeviceSummary> take(Nvml nvml) {
        int count = nvml.deviceCount();
        var out = new ArrayList<DeviceSummary>(count);
        for (int i = 0; i < count; i++) {
            out.add(new DeviceSurvey(nvml, i).read());
        }
        return List.copyOf(out);
    }

    private DeviceSummary read() {
        var device = read(() -> nvml.device(index));
        if (device.isEmpty()) {
            return summary(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty(),
                    Optional.empty(), OptionalInt.empty(), Optional.empty());
        }
        var d = device.get();
        uuid = read(() -> nvml.uuid(d));
        var name = read(() -> nvml.name(d));
        var memory = read(() -> nvml.memory(d)).flatMap(m -> m);
        var minor = read(() -> nvml.minor(d));
        var pci = read(() -> nvml.pciInfo(d));
        var numa = read(() -> nvml.numaNode(d)).orElse(OptionalInt.empty());
        var mig = read(() -> nvml.migMode(d)).flatMap(m -> m);
        return summary(name,
                memory.map(m -> OptionalLong.of(m.totalMiB())).orElse(OptionalLong.empty()),
                memory.map(m -> OptionalLong.of(m.usedMiB())).orElse(OptionalLong.empty()),
                minor.map(OptionalInt::of).orElse(OptionalInt.empty()),
                pci.map(PciInfo::busId), numa, mig.map(MigMode::current));
    }

    private DeviceSummary summary(Optional<String> name, OptionalLong total, OptionalLong used, OptionalInt minor,
                                  Optional<String> busId, OptionalInt numa, Optional<Boolean> mig) {
        return new DeviceSummary(index, uuid, name, total, used, minor, busId, numa, !unhealthy, mig, problems);
    }

    /** The fact, or empty with the failure recorded; nothing is asked once the GPU is lost. */
    private <T> Optional<T> read(Supplier<T> call) {
        if (lost) {
            return Optional.empty();
        }
        try {
            return Optional.of(call.get());
        } catch (NvmlException e) {
            lost = e instanceof NvmlGpuLostException;
            unhealthy |= e.status() != NvmlReturn.FUNCTION_NOT_FOUND;
            problems.add("device " + index + uuid.map(u -> " (" + u + ")").orElse("") + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
