package io.hami.scheduler.fit;

import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the MIG profile and placement for a request on a GPU in {@code mode: mig} (docs/scheduler.md, "MIG"; HAMi:
 * {@code selectMigCandidate} and {@code selectMigPlacement} in {@code pkg/device/nvidia}):
 * <ul>
 *   <li>profiles are tried from the least memory to the most, equal memory by fewer slices first (a stable order);
 *       a profile with less memory than the request is skipped, and so is one registering negative memory or cores
 *       (which no allocation entry can hold; HAMi would book them);</li>
 *   <li>the first profile with a placement that overlaps no occupied one wins; placements are tried from the highest
 *       start for {@code 1g.*} and {@code 3g.*} profiles and from the lowest for the others, which keeps the large
 *       aligned ranges free for the large profiles; a placement of no slices is never chosen (no instance has one, and
 *       it would never be used up).</li>
 * </ul>
 */
final class MigPlacer {

    private static final Comparator<MigProfile> SMALLEST_FIRST =
            Comparator.comparingInt(MigProfile::memoryMB).thenComparingLong(MigProfile::sliceCount);

    private MigPlacer() {
    }

    /** The profile and placement for {@code memory} MiB, or {@code null} when no profile has a free placement. */
    static MigChoice choose(List<MigProfile> profiles, List<MigPlacement> occupied, int memory) {
        var candidates = new ArrayList<>(profiles);
        candidates.sort(SMALLEST_FIRST);
        for (MigProfile profile : candidates) {
            if (profile.memoryMB() < memory || profile.memoryMB() < 0 || profile.core() < 0) {
                continue;
            }
            MigPlacement placement = freePlacement(profile, occupied);
            if (placement != null) {
                return new MigChoice(profile, placement);
            }
        }
        return null;
    }

    /** The profile's first placement, in its preferred order, that overlaps none of {@code occupied}; else null. */
    static MigPlacement freePlacement(MigProfile profile, List<MigPlacement> occupied) {
        var ordered = new ArrayList<>(profile.placements());
        Comparator<MigPlacement> byStart = Comparator.comparingLong(MigPlacement::start);
        ordered.sort(prefersHigh(profile.name()) ? byStart.reversed() : byStart);
        for (MigPlacement candidate : ordered) {
            if (candidate.size() > 0 && occupied.stream().noneMatch(candidate::overlaps)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean prefersHigh(String profile) {
        return profile.startsWith("1g.") || profile.startsWith("3g.");
    }
}
