package io.hami.bindings.dcmi;

/**
 * A chip's memory in MB, from {@code dcmi_get_device_hbm_info} (HBM parts) or
 * {@code dcmi_get_device_memory_info_v3}.
 *
 * @param totalMb installed
 * @param usedMb  in use
 */
public record DcmiMemory(long totalMb, long usedMb) {
}
