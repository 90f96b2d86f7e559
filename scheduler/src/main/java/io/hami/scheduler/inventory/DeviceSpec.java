package io.hami.scheduler.inventory;

import io.hami.model.device.MigProfile;
import io.hami.scheduler.vendor.DeviceType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One physical device of a node as the scheduler sees it, whatever the source (a register annotation or the node's
 * capacity): HAMi's {@code DeviceInfo} without the usage.
 *
 * @param type        the device type it was registered for
 * @param id          device UUID (or the synthesized id {@code <node>-mthreads-0})
 * @param index       the vendor's device index
 * @param count       time-slicing slots
 * @param totalMem    MiB
 * @param totalCores  compute in the type's unit (100 = one whole NVIDIA GPU)
 * @param model       HAMi's {@code type} field: the model name ({@code NVIDIA A100-SXM4-40GB}) or the common word
 * @param numa        NUMA node
 * @param mode        sharing mode ({@code hami-core}, {@code mig}, {@code mps}) or empty
 * @param healthy     whether it may be allocated
 * @param migProfiles MIG profiles of a {@code mig}-mode GPU
 * @param networkId   Ascend HCCS network group, or {@code null}
 * @param qosPolicy   MetaX sGPU card's current QoS policy, empty when none
 * @param linkZone    MetaX sGPU card's MetaLink zone, 0 when it has none
 * @param custom      what a vendor's fit reads besides (Vastai: {@code AIC}, {@code DeviceStrategy}; Enflame DRS:
 *                    {@code minor} and {@code profile:<name>} to the profile's id; AWS Neuron: {@code instanceType})
 */
public record DeviceSpec(DeviceType type, String id, int index, int count, int totalMem, int totalCores, String model,
                         int numa, String mode, boolean healthy, List<MigProfile> migProfiles, Integer networkId,
                         String qosPolicy, int linkZone, Map<String, String> custom) {

    public DeviceSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mode, "mode");
        migProfiles = List.copyOf(migProfiles);
        Objects.requireNonNull(qosPolicy, "qosPolicy");
        custom = Map.copyOf(custom);
    }

    /** A device outside any MetaLink zone. */
    public DeviceSpec(DeviceType type, String id, int index, int count, int totalMem, int totalCores, String model,
                      int numa, String mode, boolean healthy, List<MigProfile> migProfiles, Integer networkId,
                      String qosPolicy) {
        this(type, id, index, count, totalMem, totalCores, model, numa, mode, healthy, migProfiles, networkId, qosPolicy,
                0);
    }

    /** A device without vendor extras. */
    public DeviceSpec(DeviceType type, String id, int index, int count, int totalMem, int totalCores, String model,
                      int numa, String mode, boolean healthy, List<MigProfile> migProfiles, Integer networkId,
                      String qosPolicy, int linkZone) {
        this(type, id, index, count, totalMem, totalCores, model, numa, mode, healthy, migProfiles, networkId, qosPolicy,
                linkZone, Map.of());
    }

    /** A device of one of the scheduler-only vendors, with its extras. */
    public DeviceSpec(DeviceType type, String id, int index, int count, int totalMem, int totalCores, String model,
                      int numa, String mode, boolean healthy, List<MigProfile> migProfiles, Integer networkId,
                      String qosPolicy, Map<String, String> custom) {
        this(type, id, index, count, totalMem, totalCores, model, numa, mode, healthy, migProfiles, networkId, qosPolicy,
                0, custom);
    }

    /** A vendor extra, or {@code ""}. */
    public String custom(String key) {
        return custom.getOrDefault(key, "");
    }

    /** The {@code mode} of a GPU split into MIG instances. */
    public static final String MIG_MODE = "mig";

    /** Whether the GPU is split into MIG instances. */
    public boolean isMig() {
        return MIG_MODE.equals(mode);
    }
}
