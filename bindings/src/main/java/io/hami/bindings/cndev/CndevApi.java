package io.hami.bindings.cndev;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.NativeResult;
import java.util.List;

/**
 * The CNDEV calls hami-java makes, one method per C function, returning the call's status and its result
 * copied into records. Nothing here throws for a status: a missing symbol is
 * {@link CndevReturn#FUNCTION_NOT_FOUND}, a struct version the library does not know is
 * {@link CndevReturn#UNSUPPORTED_API_VERSION} with the version named in the message. Implementations are
 * thread-safe.
 */
public interface CndevApi {

    /** {@code cndevInit(0)}. */
    NativeResult<Void> init();

    /** {@code cndevRelease}. */
    NativeResult<Void> release();

    /** {@code cndevGetDeviceCount}: {@code cndevCardInfo_t.number}. */
    NativeResult<Integer> deviceCount();

    /** {@code cndevGetDeviceHandleByIndex}. */
    NativeResult<CndevDevice> deviceHandle(int index);

    /** {@code cndevGetUUID}: the 36-character UUID, without HAMi's {@code MLU-}. */
    NativeResult<String> uuid(CndevDevice device);

    /** {@code cndevGetCardSN}: the card's serial number (Cambricon prints it in hex). */
    NativeResult<Long> cardSerial(CndevDevice device);

    /** {@code cndevGetCardNameStringByDevId}, e.g. {@code MLU370-X8}; NOT_FOUND when the library answers NULL. */
    NativeResult<String> cardName(CndevDevice device);

    /** {@code cndevGetMemoryUsageV2}, in MB. */
    NativeResult<CndevMemory> memory(CndevDevice device);

    /** {@code cndevGetDeviceUtilizationInfo}: the average over the cores, percent. */
    NativeResult<Integer> utilization(CndevDevice device);

    /** {@code cndevGetPCIeInfoV2}. */
    NativeResult<PciAddress> pci(CndevDevice device);

    /** {@code cndevGetNUMANodeIdByDevId}; negative when the machine has no NUMA. */
    NativeResult<Integer> numaNode(CndevDevice device);

    /** {@code cndevGetCardHealthState}. */
    NativeResult<CndevHealth> health(CndevDevice device);

    /** {@code cndevDeviceGetMinorNumber}: N of {@code /dev/cambricon_devN}. */
    NativeResult<Integer> minorNumber(CndevDevice device);

    /** {@code cndevGetProcessInfo}, by the two-call convention; every entry carries our struct version. */
    NativeResult<List<CndevProcess>> processes(CndevDevice device);

    /** {@code cndevGetDriverVersion} as {@code major.minor.build}. */
    NativeResult<String> driverVersion();

    /** {@code cndevGetSMLUMode}: whether the card is in sMLU mode. */
    NativeResult<Boolean> smluMode(CndevDevice device);

    /** {@code cndevGetSMluProfileIdInfo}: the ids of the card's sMLU profiles. */
    NativeResult<List<Integer>> smluProfileIds(CndevDevice device);

    /** {@code cndevGetSMluProfileInfo}. */
    NativeResult<CndevSmluProfile> smluProfile(CndevDevice device, int profileId);

    /** {@code cndevCreateSMluProfileInfo}: the new profile's id. */
    NativeResult<Integer> createSmluProfile(CndevDevice device, int mluQuota, long memoryBytes);

    /** {@code cndevDestroySMluProfileInfo}. */
    NativeResult<Void> destroySmluProfile(CndevDevice device, int profileId);

    /** {@code cndevCreateSMluInstanceByProfileId}: the new instance's handle. */
    NativeResult<Integer> createSmluInstance(CndevDevice device, int profileId, String instanceName);

    /** {@code cndevDestroySMluInstanceByHandle}. */
    NativeResult<Void> destroySmluInstance(int instanceHandle);

    /** {@code cndevGetSMluInstanceInfo}. */
    NativeResult<CndevSmluInstance> smluInstance(int instanceHandle);

    /** {@code cndevGetAllSMluInstanceInfo}, by the two-call convention; every entry carries our struct version. */
    NativeResult<List<CndevSmluInstance>> smluInstances(CndevDevice device);
}
