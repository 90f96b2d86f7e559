package io.hami.bindings.hygon;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.NativeResult;
import java.util.List;

/**
 * The calls hami-java makes of Hygon's rocm_smi fork, one method per C function; devices are indices
 * ({@code dv_ind}). Nothing here throws for a status: a missing symbol is {@link RsmiReturn#FUNCTION_NOT_FOUND}.
 * Implementations are thread-safe.
 */
public interface RocmSmiApi {

    /** {@code rsmi_init(0)}. */
    NativeResult<Void> init();

    /** {@code rsmi_shut_down}. */
    NativeResult<Void> shutDown();

    /** {@code rsmi_num_monitor_devices}. */
    NativeResult<Integer> deviceCount();

    /** {@code rsmi_dev_id_get}: the PCI device id, e.g. 0x54b7 for a Z100. */
    NativeResult<Integer> deviceId(int device);

    /** {@code rsmi_dev_name_get}. */
    NativeResult<String> name(int device);

    /** {@code rsmi_dev_serial_number_get}: HAMi's device id is {@code DCU-<serial>}. */
    NativeResult<String> serial(int device);

    /** {@code rsmi_dev_memory_total_get} of the VRAM, bytes. */
    NativeResult<Long> memoryTotal(int device);

    /** {@code rsmi_dev_memory_usage_get} of the VRAM, bytes. */
    NativeResult<Long> memoryUsed(int device);

    /** {@code rsmi_dev_busy_percent_get}. */
    NativeResult<Integer> busyPercent(int device);

    /** {@code rsmi_dev_pci_id_get}, unpacked. */
    NativeResult<PciAddress> pci(int device);

    /** {@code rsmi_topo_get_numa_node_number}; 0xFFFFFFFF (-1) when the machine has no NUMA. */
    NativeResult<Integer> numaNode(int device);

    /** {@code rsmi_dev_drm_render_minor_get}: M of {@code /dev/dri/renderD<M>}. */
    NativeResult<Integer> renderMinor(int device);

    /** {@code rsmi_compute_process_info_get}: the node's processes, by the two-call convention. */
    NativeResult<List<RsmiProcess>> processes();
}
