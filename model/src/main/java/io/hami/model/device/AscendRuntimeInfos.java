package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hami.model.config.VnpuConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of {@code huawei.com/<commonWord>}: every device of an Ascend pod's allocation, container after
 * container in allocation order (init containers first), with what Ascend's device plugin creates on it. Its
 * canonical JSON is a bare array; it holds at least one device, since the scheduler writes it only for a pod that got
 * devices of the type.
 *
 * @param devices the devices, at least one
 */
public record AscendRuntimeInfos(List<AscendRuntimeInfo> devices) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public AscendRuntimeInfos {
        devices = Checks.copy(devices, "devices");
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("devices must not be empty: the pod got no device of the type");
        }
    }

    @Override
    @JsonValue
    public List<AscendRuntimeInfo> devices() {
        return devices;
    }

    /**
     * What HAMi v2.10's scheduler writes for an allocation of one Ascend chip ({@code PatchAnnotations},
     * {@code pkg/device/ascend/device.go}): per device its UUID, memory and cores as allocated and, in hard split,
     * the name of the smallest template that holds the memory ({@link VnpuConfig#templateFor}; none for a whole card).
     *
     * @param allocation the type's allocation, at least one device
     * @param chip       the chip's {@code vnpus} entry
     * @param softSplit  the pod asked for HAMi-core soft split ({@code huawei.com/vnpu-mode: hami-core})
     * @throws IllegalArgumentException when the allocation holds no device
     */
    public static AscendRuntimeInfos of(PodDevices allocation, VnpuConfig chip, boolean softSplit) {
        var devices = new ArrayList<AscendRuntimeInfo>();
        for (ContainerDevices container : allocation.containers()) {
            for (ContainerDevice d : container.devices()) {
                String template = softSplit ? ""
                        : chip.templateFor(d.usedMem()).map(VnpuConfig.Template::name).orElse("");
                devices.add(new AscendRuntimeInfo(d.uuid(), template, d.usedMem(), d.usedCores()));
            }
        }
        return new AscendRuntimeInfos(devices);
    }
}
