package io.hami.scheduler.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reason texts a fitting pass keeps by their counts: every text is the one {@link Reasons#format} gives for the
 * counts and device count of the moment, however many mixes follow each other (more than the table's slots, so that
 * they share slots), and a mix seen before gives the same string again.
 */
class ScratchTest {

    @Test
    void aReasonIsTheFormattedTextOfTheCurrentCountsWhateverCameBefore() {
        var scratch = new Scratch();
        var random = new Random(7);
        int reasons = FitReason.values().length;
        var mixes = new ArrayList<int[]>();
        for (int m = 0; m < 40; m++) {
            int[] counts = new int[reasons + 1];
            counts[reasons] = 1 + random.nextInt(8); // the device count
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                counts[random.nextInt(reasons)] += 1 + random.nextInt(counts[reasons]);
            }
            mixes.add(counts);
        }
        // the same counts with another device count: a different text
        int[] sameCountsOtherDevices = mixes.get(0).clone();
        sameCountsOtherDevices[reasons] += 1;
        mixes.add(sameCountsOtherDevices);
        for (int round = 0; round < 2000; round++) {
            int[] mix = mixes.get(random.nextInt(mixes.size()));
            System.arraycopy(mix, 0, scratch.reasons, 0, reasons);
            String text = scratch.reason(mix[reasons]);
            assertThat(text).as("counts %s of %d devices", Arrays.toString(Arrays.copyOf(mix, reasons)), mix[reasons])
                    .isEqualTo(Reasons.format(Arrays.copyOf(mix, reasons), mix[reasons]));
        }
    }

    @Test
    void aMixSeenAgainGivesTheSameString() {
        var scratch = new Scratch();
        List<String> texts = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (FitReason r : List.of(FitReason.CARD_INSUFFICIENT_CORE, FitReason.CARD_INSUFFICIENT_MEMORY)) {
                Arrays.fill(scratch.reasons, 0);
                scratch.reasons[r.ordinal()] = 8;
                texts.add(scratch.reason(8));
            }
        }
        assertThat(texts.get(2)).isSameAs(texts.get(0)).isSameAs(texts.get(4)).isEqualTo("8/8 CardInsufficientCore");
        assertThat(texts.get(3)).isSameAs(texts.get(1)).isSameAs(texts.get(5)).isEqualTo("8/8 CardInsufficientMemory");
    }
}
