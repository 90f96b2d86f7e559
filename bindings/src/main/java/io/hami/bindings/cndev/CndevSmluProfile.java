package io.hami.bindings.cndev;

/**
 * One sMLU profile of a card ({@code cndevGetSMluProfileInfo}): a share of the card that instances are made from.
 *
 * @param id             the profile id, as {@code cndevGetSMluProfileIdInfo} lists it
 * @param name           the library's name of the profile
 * @param totalCapacity  instances of this profile the card holds when it holds no other instance
 * @param remainCapacity instances of this profile that can still be made now
 * @param mluQuota       percent of the card's compute
 * @param memoryBytes    device memory, in bytes
 */
public record CndevSmluProfile(int id, String name, long totalCapacity, long remainCapacity, long mluQuota,
                               long memoryBytes) {
}
