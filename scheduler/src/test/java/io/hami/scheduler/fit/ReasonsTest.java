package io.hami.scheduler.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** common_test.go: GenReason and ParseReason. */
class ReasonsTest {

    @Test
    void genReasonSortsWholeStrings() {
        int[] counts = new int[FitReason.values().length];
        counts[FitReason.RESOURCE_QUOTA_NOT_FIT.ordinal()] = 3;
        counts[FitReason.ALLOCATED_CARDS_INSUFFICIENT_REQUEST.ordinal()] = 1;
        assertThat(Reasons.format(counts, 4)).isEqualTo("1/4 AllocatedCardsInsufficientRequest, 3/4 ResourceQuotaNotFit");
    }

    @Test
    void genReasonOrdersByCountTextFirst() {
        int[] counts = new int[FitReason.values().length];
        counts[FitReason.CARD_INSUFFICIENT_MEMORY.ordinal()] = 3;
        counts[FitReason.CARD_INSUFFICIENT_CORE.ordinal()] = 2;
        counts[FitReason.CARD_NOT_HEALTH.ordinal()] = 3;
        counts[FitReason.CARD_UUID_MISMATCH.ordinal()] = 10;
        assertThat(Reasons.format(counts, 18)).isEqualTo(
                "10/18 CardUuidMismatch, 2/18 CardInsufficientCore, 3/18 CardInsufficientMemory, 3/18 CardNotHealth");
    }

    @Test
    void parseReason() {
        assertThat(Reasons.parse("3/8 CardInsufficientMemory, 2/8 CardInsufficientCore, 3/8 CardNotHealth"))
                .isEqualTo(Map.of("CardInsufficientMemory", 3, "CardInsufficientCore", 2,
                        "CardNotHealth", 3));
        assertThat(Reasons.words("1/1 CardNotHealth")).containsExactly("CardNotHealth");
        assertThat(Reasons.parse("node unregistered")).isEmpty();
    }
}
