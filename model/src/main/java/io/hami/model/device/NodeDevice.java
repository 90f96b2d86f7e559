package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One physical device a node registers: an entry of {@code hami.io/node-nvidia-register} (and of the other vendors'
 * {@code hami.io/node-*-register} annotations, JSON or legacy colon form).
 *
 * <p>The numeric ranges are those of HAMi's Go {@code DeviceInfo}: {@code count}, {@code devmem} and {@code devcore} are
 * {@code int32} and may be negative on the wire (HAMi does not check them; the scheduler decides what a negative capacity
 * means). {@code index} is Go's {@code uint} and {@code numa} Go's {@code int}; both are narrowed to Java {@code int},
 * which holds every value a device plugin writes (NVML indices, sysfs NUMA nodes).
 *
 * @param id          device UUID, e.g. {@code GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448}; may be empty on the wire
 * @param index       NVML index, 0 or more
 * @param count       time-slicing slots: how many containers may share the device
 * @param devmem      memory in MiB, after the plugin's memory scaling
 * @param devcore     compute in percent of one device, after the plugin's core scaling
 * @param type        model name, e.g. {@code NVIDIA-Tesla V100-PCIE-32GB}
 * @param numa        NUMA node
 * @param mode        sharing mode: {@code hami-core}, {@code mig}, {@code mps}, or empty (matches any requested mode)
 * @param health      whether the device may be allocated; a missing {@code health} key means {@code false}
 * @param migProfiles MIG profiles ({@code mode: mig} only), empty otherwise
 * @param networkId   Ascend 910 {@code custominfo.NetworkID} (HCCS network group), or {@code null} when absent
 * @param customText  the other {@code custominfo} members whose value is a string, e.g. Vastai's {@code AIC} (the card a
 *                    die sits on) and {@code DeviceStrategy}; sorted by key
 */
public record NodeDevice(
        String id,
        int index,
        int count,
        int devmem,
        int devcore,
        String type,
        int numa,
        String mode,
        boolean health,
        List<MigProfile> migProfiles,
        Integer networkId,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> customText) {

    public NodeDevice {
        Checks.text(id, "id");
        Checks.nonNegative(index, "index");
        Checks.text(type, "type");
        Checks.text(mode, "mode");
        migProfiles = Checks.copy(migProfiles, "migProfiles");
        customText = java.util.Collections.unmodifiableMap(new TreeMap<>(customText == null ? Map.of() : customText));
    }

    /** A device without {@code custominfo} strings. */
    public NodeDevice(String id, int index, int count, int devmem, int devcore, String type, int numa, String mode,
                      boolean health, List<MigProfile> migProfiles, Integer networkId) {
        this(id, index, count, devmem, devcore, type, numa, mode, health, migProfiles, networkId, Map.of());
    }

    /** A device without MIG profiles and without an Ascend network id, the common NVIDIA case. */
    public static NodeDevice of(String id, int index, int count, int devmem, int devcore, String type, int numa,
                                String mode, boolean health) {
        return new NodeDevice(id, index, count, devmem, devcore, type, numa, mode, health, List.of(), null);
    }
}
