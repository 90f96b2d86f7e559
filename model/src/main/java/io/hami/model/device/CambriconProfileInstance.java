package io.hami.model.device;

/**
 * The value of {@code CAMBRICON_DSMLU_PROFILE_INSTANCE}: the sMLU instance the node's plugin made for a pod from its
 * {@link CambriconProfile}, e.g. {@code 0_258_2_1} for instance 1 of card 2, made from profile 0, whose handle is 258.
 *
 * @param profileId      the card's sMLU profile the instance was made from
 * @param instanceHandle CNDEV's handle of the instance
 * @param index          the card's index on the node
 * @param instanceId     the instance's id on the card
 */
public record CambriconProfileInstance(int profileId, int instanceHandle, int index, int instanceId) {

    public CambriconProfileInstance {
        Checks.nonNegative(profileId, "profileId");
        Checks.nonNegative(instanceHandle, "instanceHandle");
        Checks.nonNegative(index, "index");
        Checks.nonNegative(instanceId, "instanceId");
    }
}
