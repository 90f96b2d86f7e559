package io.hami.model.quantity;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

class QuantityProperties {

    private static final List<String> SUFFIXES =
            List.of("", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei");

    private static final List<String> BINARY = List.of("", "Ki", "Mi", "Gi", "Ti", "Pi");

    private static Quantity parse(String text) {
        try {
            return Quantity.parse(text);
        } catch (WireFormatException e) {
            throw new AssertionError("valid quantity refused: " + text, e);
        }
    }

    /** Strings of up to {@code max} characters from {@code alphabet}. */
    private static Gen<String> over(String alphabet, int min, int max) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(chars)).ofSizeBetween(min, max)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** Well-formed quantities: any sign, up to 30 integer digits, an optional fraction, every kind of suffix. */
    private static Gen<String> quantities() {
        Gen<String> sign = Generate.pick(List.of("", "+", "-"));
        Gen<String> fraction = Generate.oneOf(Generate.constant(""), over("0123456789", 1, 12).map(f -> "." + f));
        Gen<String> suffix = Generate.oneOf(Generate.pick(SUFFIXES), integers().between(-40, 40).map(e -> "e" + e));
        return sign.zip(over("0123456789", 1, 30), fraction, suffix, (s, i, f, x) -> s + i + f + x);
    }

    @Test
    void everyLongReadsBackExactly() {
        qt().withExamples(1000).forAll(longs().all())
                .checkAssert(n -> assertThat(parse(Long.toString(n)).asExactLong()).hasValue(n));
    }

    @Test
    void binarySuffixesMultiplyByPowersOf1024() {
        qt().withExamples(1000).forAll(integers().between(0, 8191), integers().between(0, 5)).checkAssert((n, power) ->
                assertThat(parse(n + BINARY.get(power)).asExactLong())
                        .hasValue((long) n << (10 * power)));
    }

    @Test
    void canonicalTextReadsBackToTheSameValueAndIsStable() {
        qt().withExamples(1000).forAll(quantities()).checkAssert(text -> {
            Quantity q = parse(text);
            Quantity again = parse(q.canonical());
            assertThat(again).isEqualTo(q);
            assertThat(again.canonical()).isEqualTo(q.canonical());
        });
    }

    @Test
    void arbitraryTextNeverThrowsAnythingElse() {
        Gen<String> texts = Generate.oneOf(over("0123456789.+-eEKkMmGgTPiun \t", 0, 24),
                strings().allPossible().ofLengthBetween(0, 40));
        qt().withExamples(2000).forAll(texts).checkAssert(text -> {
            try {
                Quantity q = Quantity.parse(text);
                assertThat(q.canonical()).isNotEmpty();
                q.asExactLong();
            } catch (WireFormatException expected) {
                assertThat(expected.getMessage()).startsWith("quantity: value: ");
            }
        });
    }
}
