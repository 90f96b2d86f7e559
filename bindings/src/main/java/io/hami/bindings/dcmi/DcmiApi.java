package io.hami.bindings.dcmi;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.NativeResult;
import java.util.List;
import java.util.function.Consumer;

/**
 * The DCMI calls hami-java makes, one method per C function, returning the call's status and its result
 * copied into records. Nothing here throws for a status: a missing symbol is {@link DcmiReturn#FUNCTION_NOT_FOUND}.
 * Implementations are thread-safe.
 */
public interface DcmiApi {

    /** {@code dcmi_init}. DCMI has no shutdown. */
    NativeResult<Void> init();

    /** {@code dcmi_get_card_list}: the card ids. */
    NativeResult<List<Integer>> cardList();

    /** {@code dcmi_get_device_num_in_card}. */
    NativeResult<Integer> deviceCountInCard(int card);

    /** {@code dcmi_get_card_id_device_id_from_logicid}: the chip of a logic id. */
    NativeResult<DcmiChip> chip(int logicId);

    /** {@code dcmi_get_device_phyid_from_logicid}: N of {@code /dev/davinciN}. */
    NativeResult<Integer> physicalId(int logicId);

    /** {@code dcmi_get_device_die_v2} of the VDIE, formatted as HAMi's device id. */
    NativeResult<String> dieId(DcmiChip chip);

    /** {@code dcmi_get_device_chip_info}. */
    NativeResult<DcmiChipInfo> chipInfo(DcmiChip chip);

    /** {@code dcmi_get_device_hbm_info}: not supported on parts without HBM. */
    NativeResult<DcmiMemory> hbm(DcmiChip chip);

    /** {@code dcmi_get_device_memory_info_v3}. */
    NativeResult<DcmiMemory> memory(DcmiChip chip);

    /** {@code dcmi_get_device_utilization_rate} of the AI cores, percent. */
    NativeResult<Integer> aiCoreUtilization(DcmiChip chip);

    /** {@code dcmi_get_device_pcie_info_v2}. */
    NativeResult<PciAddress> pci(DcmiChip chip);

    /** {@code dcmi_get_device_health}: 0 is healthy, else an alarm level. */
    NativeResult<Integer> health(DcmiChip chip);

    /**
     * {@code dcmi_subscribe_fault_event} for every chip: the filter goes by value, and {@code listener} hears, on
     * a thread of the library's, every event the library matches to it. DCMI cannot unsubscribe: closing the
     * subscription only stops the listener hearing.
     */
    NativeResult<DcmiFaultSubscription> subscribeFaultEvents(DcmiEventFilter filter, Consumer<DcmiFaultEvent> listener);

    /** {@code dcmi_create_vdevice} from a template; {@code vdevId} 0 lets the driver choose. */
    NativeResult<DcmiVnpu> createVnpu(DcmiChip chip, String template, int vdevId);

    /** {@code dcmi_set_destroy_vdevice}. */
    NativeResult<Void> destroyVnpu(DcmiChip chip, int vdevId);
}
