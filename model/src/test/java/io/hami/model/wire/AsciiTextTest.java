package io.hami.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks accept exactly what the regular expressions they replace accept. */
class AsciiTextTest {
    private static final String ALPHABET = "0123456789abcfAFZz-_.+:/ é";

    private static String randomText(SplittableRandom r, int maxLength) {
        var sb = new StringBuilder();
        for (int i = r.nextInt(maxLength + 1); i > 0; i--) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String randomUuidLike(SplittableRandom r) {
        var sb = new StringBuilder("0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0");
        if (r.nextBoolean()) {
            sb.setCharAt(r.nextInt(sb.length()), ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        if (r.nextInt(8) == 0) {
            sb.setLength(r.nextInt(sb.length() + 1));
        }
        return sb.toString();
    }

    @Test
    void decimalsAsTheirPatterns() {
        var r = new SplittableRandom(1);
        for (int maxDigits : new int[] {2, 3, 6, 10}) {
            var pattern = Pattern.compile("0|[1-9][0-9]{0," + (maxDigits - 1) + "}");
            for (int i = 0; i < 20_000; i++) {
                var digits = (r.nextInt(4) == 0 ? "0" : "") + r.nextLong(0, 100_000_000_000L);
                var s = i % 2 == 0 ? randomText(r, 12) : digits.substring(0, Math.min(digits.length(), 1 + r.nextInt(12)));
                assertThat(AsciiText.isDecimal(s, maxDigits)).as("%s of %d", s, maxDigits).isEqualTo(pattern.matcher(s).matches());
            }
        }
        assertThat(AsciiText.isDecimal("00", 3)).isFalse();
        assertThat(AsciiText.isDecimal("", 3)).isFalse();
    }

    @Test
    void tokensAsTheirPatterns() {
        var r = new SplittableRandom(2);
        for (var more : new String[] {"_.-", "_.+-", "._-"}) {
            var escaped = new StringBuilder();
            more.chars().forEach(c -> escaped.append('\\').append((char) c));
            var pattern = Pattern.compile("[A-Za-z0-9][A-Za-z0-9" + escaped + "]{0,7}");
            for (int i = 0; i < 20_000; i++) {
                var s = randomText(r, 10);
                assertThat(AsciiText.isToken(s, 8, more)).as("%s with %s", s, more).isEqualTo(pattern.matcher(s).matches());
            }
        }
    }

    @Test
    void lowerUuidsAsTheirPattern() {
        var pattern = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        var r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            var s = randomUuidLike(r);
            assertThat(AsciiText.isLowerUuid(s)).as(s).isEqualTo(pattern.matcher(s).matches());
        }
    }
}
