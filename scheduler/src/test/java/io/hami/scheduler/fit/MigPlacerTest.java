package io.hami.scheduler.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mig_topology_test.go and the MIG cases of device_test.go: which profile and placement a request gets. */
class MigPlacerTest {

    private static MigPlacement at(long start, long size) {
        return new MigPlacement(start, size);
    }

    /** An A100-40GB's profiles as a device plugin registers them. */
    static final List<MigProfile> A100 = List.of(
            new MigProfile("1g.5gb", 4864, 15, 1, List.of(at(0, 1), at(1, 1), at(2, 1), at(3, 1), at(4, 1), at(5, 1),
                    at(6, 1))),
            new MigProfile("2g.10gb", 9856, 29, 2, List.of(at(0, 2), at(2, 2), at(4, 2))),
            new MigProfile("3g.20gb", 19968, 43, 4, List.of(at(0, 4), at(4, 4))),
            new MigProfile("7g.40gb", 40192, 100, 8, List.of(at(0, 8))));

    private static MigProfile profile(String name) {
        return A100.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void balancedPackingPutsSmallAndHalfProfilesHighAndOthersLow() {
        var occupied = new ArrayList<MigPlacement>();
        for (var step : List.of(List.of("3g.20gb", 4L), List.of("2g.10gb", 0L), List.of("1g.5gb", 3L),
                List.of("1g.5gb", 2L))) {
            MigPlacement chosen = MigPlacer.freePlacement(profile((String) step.get(0)), occupied);
            assertThat(chosen).as("%s", step.get(0)).isNotNull();
            assertThat(chosen.start()).as("%s", step.get(0)).isEqualTo(step.get(1));
            occupied.add(chosen);
        }
    }

    @Test
    void requestGetsTheSmallestProfileWithEnoughMemory() {
        MigChoice choice = MigPlacer.choose(A100, List.of(), 6000);
        assertThat(choice.profile().name()).isEqualTo("2g.10gb");
        assertThat(choice.placement()).isEqualTo(at(0, 2));
        assertThat(MigPlacer.choose(A100, List.of(), 4864).profile().name()).isEqualTo("1g.5gb");
        assertThat(MigPlacer.choose(A100, List.of(), 0).placement()).isEqualTo(at(6, 1));
    }

    @Test
    void smallRequestTakesTheHighestFreeSmallPlacement() {
        List<MigPlacement> taken = List.of(at(0, 1), at(1, 1), at(2, 1), at(3, 1), at(6, 1));
        assertThat(MigPlacer.choose(A100, taken, 1000)).isEqualTo(new MigChoice(profile("1g.5gb"), at(5, 1)));
        assertThat(MigPlacer.choose(A100, List.of(at(0, 4), at(4, 1), at(5, 1), at(6, 1)), 1000)).isNull();
    }

    @Test
    void requestMovesToALargerProfileWhenTheSmallerHasNoFreePlacement() {
        var small = new MigProfile("1g.5gb", 4864, 15, 1, List.of(at(6, 1)));
        var larger = new MigProfile("2g.10gb", 9856, 29, 2, List.of(at(0, 2), at(2, 2)));
        assertThat(MigPlacer.choose(List.of(larger, small), List.of(at(6, 1)), 1000))
                .isEqualTo(new MigChoice(larger, at(0, 2)));
    }

    @Test
    void requestLargerThanEveryProfileGetsNothing() {
        assertThat(MigPlacer.choose(A100, List.of(), 40193)).isNull();
    }

    @Test
    void noPlacementOverlappingTwoActiveHalvesIsFree() {
        List<MigPlacement> halves = List.of(at(0, 4), at(4, 4));
        for (MigProfile p : A100) {
            assertThat(MigPlacer.freePlacement(p, halves)).as(p.name()).isNull();
        }
        List<MigPlacement> threeTwos = List.of(at(0, 2), at(2, 2), at(4, 2));
        assertThat(MigPlacer.freePlacement(profile("2g.10gb"), threeTwos)).isNull();
        assertThat(MigPlacer.freePlacement(profile("1g.5gb"), threeTwos)).isEqualTo(at(6, 1));
    }

    @Test
    void withThreeHalvesOfTwoSlicesTakenOnlyASmallRequestFits() {
        List<MigPlacement> threeTwos = List.of(at(0, 2), at(2, 2), at(4, 2));
        assertThat(MigPlacer.choose(A100, threeTwos, 9000)).isNull();
        assertThat(MigPlacer.choose(A100, threeTwos, 4000)).isEqualTo(new MigChoice(profile("1g.5gb"), at(6, 1)));
    }

    @Test
    void equalMemoryPrefersFewerSlices() {
        var wide = new MigProfile("1g.10gb+me", 9856, 15, 2, List.of(at(0, 2)));
        var narrow = new MigProfile("1g.10gb", 9856, 15, 1, List.of(at(3, 1)));
        assertThat(MigPlacer.choose(List.of(wide, narrow), List.of(), 9000).profile()).isEqualTo(narrow);
    }

    @Test
    void profileWithNegativeMemoryOrCoresIsNeverChosen() {
        var negativeMemory = new MigProfile("1g.5gb", -1, 15, 1, List.of(at(6, 1)));
        var negativeCores = new MigProfile("1g.6gb", 5000, -15, 1, List.of(at(5, 1)));
        var fine = new MigProfile("2g.10gb", 9856, 29, 2, List.of(at(0, 2)));
        assertThat(MigPlacer.choose(List.of(negativeMemory, negativeCores, fine), List.of(), 0))
                .isEqualTo(new MigChoice(fine, at(0, 2)));
    }

    @Test
    void placementWithoutSlicesIsNeverChosen() {
        var empty = new MigProfile("1g.5gb", 4864, 15, 1, List.of(at(3, 0)));
        assertThat(MigPlacer.choose(List.of(empty), List.of(), 1)).isNull();
    }
}
