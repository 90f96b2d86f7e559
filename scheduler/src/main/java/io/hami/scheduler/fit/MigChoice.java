package io.hami.scheduler.fit;

import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigProfile;
import java.util.Objects;

/**
 * The MIG instance chosen for one device pick on a GPU in {@code mode: mig}: the profile and where it sits.
 *
 * @param profile   the profile, as the GPU registered it
 * @param placement one of the profile's placements, free when it was chosen
 */
public record MigChoice(MigProfile profile, MigPlacement placement) {

    public MigChoice {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(placement, "placement");
    }
}
