package io.hami.bindings.cndev;

/**
 * One sMLU instance ({@code cndevSMluInfo_t}): a share of a card, made from a profile, that a container opens
 * through its own device node.
 *
 * @param profileId    the profile it was made from
 * @param instanceId   its id on the card
 * @param uuid         its UUID as the library writes it
 * @param profileName  the profile's name
 * @param instanceName the name it was created with (empty when none was given)
 * @param deviceNode   its device node, e.g. {@code /dev/cambricon-caps/cap_dev0_mi1}
 * @param mluQuota     percent of the card's compute
 * @param memoryBytes  device memory, in bytes
 */
public record CndevSmluInstance(int profileId, int instanceId, String uuid, String profileName, String instanceName,
                                String deviceNode, long mluQuota, long memoryBytes) {

    /**
     * The handle of instance {@code instanceId} of the card at {@code cardIndex}, as Cambricon's device plugin computes
     * it to destroy an instance it found by listing: {@code (instanceId << 8) | cardIndex}.
     */
    public static int handle(int cardIndex, int instanceId) {
        if (cardIndex < 0 || cardIndex > 0xff || instanceId < 0 || instanceId > 0x7fffff) {
            throw new IllegalArgumentException("no sMLU instance handle for instance " + instanceId + " of card "
                    + cardIndex);
        }
        return instanceId << 8 | cardIndex;
    }

    /** This instance's handle on the card at {@code cardIndex}. */
    public int handle(int cardIndex) {
        return handle(cardIndex, instanceId);
    }
}
