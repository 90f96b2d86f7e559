package io.hami.deviceplugin.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.protocol.ContainerIdentity;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Compute-unit masks, vdev ids and pipe ids: how they are taken, run out, are rebuilt and are given back. */
class VdcuLedgerTest {
    static final ContainerIdentity WORK = new ContainerIdentity("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "work");

    private static VdcuDirectory reserve(VdcuLedger ledger, int device, int units, int count) {
        return ledger.reserve(WORK, device, "card " + device, units, count);
    }

    @Test
    void takesTheLowestFreeComputeUnits() {
        var used = new CuMasks(0b1011, 0);
        assertThat(CuMasks.lowestFree(used, 60, 3)).hasValue(new CuMasks(0b11_0100, 0));
        assertThat(CuMasks.lowestFree(CuMasks.NONE, 60, 15).orElseThrow().firstHex()).isEqualTo("0000000000007fff");
        assertThat(CuMasks.lowestFree(CuMasks.NONE, 60, 0)).hasValue(CuMasks.NONE);
    }

    @Test
    void theRemainderComesFromTheSecondMask() {
        var used = new CuMasks(-1L >>> 4, 0); // units 0..59 in use on a 120-unit card
        var taken = CuMasks.lowestFree(used, 120, 10).orElseThrow();
        assertThat(taken.firstHex()).isEqualTo("f000000000000000");
        assertThat(taken.secondHex()).isEqualTo("000000000000003f");
        assertThat(taken.count()).isEqualTo(10);
    }

    @Test
    void neverTakesUnitsBeyondTheCardsOwn() {
        var used = new CuMasks(-1L >>> 5, 0); // 59 of a 60-unit card's units
        assertThat(CuMasks.lowestFree(used, 60, 1)).hasValue(new CuMasks(1L << 59, 0));
        assertThat(CuMasks.lowestFree(used, 60, 2)).isEmpty();
        assertThat(CuMasks.lowestFree(CuMasks.NONE, 200, 128).orElseThrow()).isEqualTo(new CuMasks(-1L, -1L));
        assertThat(CuMasks.lowestFree(CuMasks.NONE, 200, 129)).isEmpty();
    }

    @Test
    void reservesTheFirstFreeIdsAndDisjointUnits() {
        var ledger = new VdcuLedger();
        var a = reserve(ledger, 1, 60, 15);
        var b = reserve(ledger, 1, 60, 30);
        var c = reserve(ledger, 2, 60, 15);

        assertThat(a).extracting(VdcuDirectory::vdev, VdcuDirectory::pipe).containsExactly(0, 0);
        assertThat(b).extracting(VdcuDirectory::vdev, VdcuDirectory::pipe).containsExactly(1, 1);
        assertThat(c).extracting(VdcuDirectory::vdev, VdcuDirectory::pipe).containsExactly(2, 0);
        assertThat(b.masks()).isEqualTo(new CuMasks(((1L << 30) - 1) << 15, 0));
        assertThat(c.masks()).isEqualTo(a.masks());
        assertThat(ledger.used(1).count()).isEqualTo(45);
    }

    @Test
    void aCardWithTooFewFreeUnitsIsOneClearError() {
        var ledger = new VdcuLedger();
        reserve(ledger, 0, 60, 45);
        assertThatThrownBy(() -> reserve(ledger, 0, 60, 30))
                .hasMessage("card 0 has 15 of its 60 compute units free, the container asks for 30");
        assertThat(ledger.held()).hasSize(1);
    }

    @Test
    void runsOutOfPipeIdsPerCardAndOfVdevIdsPerNode() {
        var ledger = new VdcuLedger();
        for (int i = 0; i < VdcuDirectory.PIPE_IDS; i++) {
            reserve(ledger, 0, 60, 0);
        }
        assertThatThrownBy(() -> reserve(ledger, 0, 60, 0))
                .hasMessage("no vDCU is left on card 0: all 20 pipe ids of the card are in use");
        assertThat(reserve(ledger, 1, 60, 0).pipe()).isZero(); // another card has its own pipes

        for (int device = 2; ledger.held().size() < VdcuDirectory.VDEV_IDS; device++) {
            for (int i = 0; i < VdcuDirectory.PIPE_IDS && ledger.held().size() < VdcuDirectory.VDEV_IDS; i++) {
                reserve(ledger, device, 60, 0);
            }
        }
        assertThatThrownBy(() -> reserve(ledger, 99, 60, 0))
                .hasMessage("no vDCU is left on this node: all 200 vdev ids are in use");
    }

    @Test
    void givingAVdcuBackFreesItsIdsAndUnitsForTheNextOne() {
        var ledger = new VdcuLedger();
        var a = reserve(ledger, 0, 60, 15);
        reserve(ledger, 0, 60, 15);

        assertThat(ledger.remove(a)).isTrue();
        assertThat(ledger.remove(a)).isFalse();
        var again = reserve(ledger, 0, 60, 10);
        assertThat(again).extracting(VdcuDirectory::vdev, VdcuDirectory::pipe).containsExactly(0, 0);
        assertThat(again.masks()).isEqualTo(new CuMasks((1L << 10) - 1, 0));
    }

    @Test
    void vdcusRebuiltFromDirectoryNamesHoldTheirIdsAndUnits() {
        var ledger = new VdcuLedger();
        VdcuDirectory.parse(WORK.podUid() + "_work_1_0_3_00000000000000ff_0000000000000000").ifPresent(ledger::add);
        VdcuDirectory.parse(WORK.podUid() + "_other_1_1_0_000000000000ff00_0000000000000000").ifPresent(ledger::add);

        var next = reserve(ledger, 1, 60, 4);
        assertThat(next).extracting(VdcuDirectory::vdev, VdcuDirectory::pipe).containsExactly(1, 2);
        assertThat(next.masks()).isEqualTo(new CuMasks(0xf0000L, 0));
    }

    @Test
    void unitsTwoDamagedVdcusShareStayHeldUntilBothAreGone() {
        var ledger = new VdcuLedger();
        var one = new VdcuDirectory(WORK, 0, 0, 0, new CuMasks(0b11, 0));
        var two = new VdcuDirectory(new ContainerIdentity(WORK.podUid(), "two"), 0, 1, 1, new CuMasks(0b10, 0));
        ledger.add(one);
        ledger.add(two);

        ledger.remove(one);

        assertThat(ledger.used(0)).isEqualTo(new CuMasks(0b10, 0));
        var names = new ArrayList<String>();
        ledger.held().forEach(v -> names.add(v.name()));
        assertThat(names).containsExactly(two.name());
    }
}
