package io.hami.model.device;

/**
 * One device of an Ascend pod as Ascend's device plugin is told to set it up: an element of
 * {@code huawei.com/<commonWord>}, e.g. {@code {"UUID":"npu-7","temp":"vir05_1c_16g","memory":16384}}.
 *
 * <p>HAMi's Go struct has {@code int64} memory and {@code int32} core; its scheduler never writes them negative, and
 * neither may this record. The UUID is required: an entry without one names no device.
 *
 * @param uuid     the device (die) id, as the node registered it
 * @param template the vNPU template to create on it in hard split, e.g. {@code vir05_1c_16g}; empty for a whole card
 *                 and in soft split
 * @param memory   MiB booked on the device
 * @param core     AI cores booked on the device (soft split); 0 in hard split, where the template fixes them
 */
public record AscendRuntimeInfo(String uuid, String template, long memory, int core) {

    public AscendRuntimeInfo {
        Checks.nonEmptyText(uuid, "uuid");
        Checks.text(template, "template");
        if (memory < 0) {
            throw new IllegalArgumentException("memory must not be negative: " + memory);
        }
        Checks.nonNegative(core, "core");
    }
}
