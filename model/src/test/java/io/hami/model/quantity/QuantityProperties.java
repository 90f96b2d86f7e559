package io.hami.model.quantity;

import io.hami.model.wire.WireFormatException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class QuantityProperties {

    @Property
    void everyLongReadsBackExactly(@ForAll long n) throws WireFormatException {
        assertThat(Quantity.parse(Long.toString(n)).asExactLong()).hasValue(n);
    }

    @Property
    void binarySuffixesMultiplyByPowersOf1024(@ForAll @IntRange(min = 0, max = 8191) int n,
                                               @ForAll @IntRange(min = 0, max = 5) int power) throws WireFormatException {
        String[] suffixes = {"", "Ki", "Mi", "Gi", "Ti", "Pi"};
        long expected = (long) n << (10 * power);
        assertThat(Quantity.parse(n + suffixes[power]).asExactLong()).hasValue(expected);
    }

    @Property
    void canonicalTextReadsBackToTheSameValueAndIsStable(@ForAll("quantities") String text) throws WireFormatException {
        Quantity q = Quantity.parse(text);
        Quantity again = Quantity.parse(q.canonical());
        assertThat(again).isEqualTo(q);
        assertThat(again.canonical()).isEqualTo(q.canonical());
    }

    @Property(tries = 2000)
    void arbitraryTextNeverThrowsAnythingElse(@ForAll("noise") String text) {
        try {
            Quantity q = Quantity.parse(text);
            assertThat(q.canonical()).isNotEmpty();
            q.asExactLong();
        } catch (WireFormatException expected) {
            assertThat(expected.getMessage()).startsWith("quantity: value: ");
        }
    }

    @Provide
    Arbitrary<String> quantities() {
        Arbitrary<String> sign = Arbitraries.of("", "+", "-");
        Arbitrary<String> integer = Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(30))
                .map(BigInteger::toString);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12)
                .map(f -> "." + f).injectNull(0.5).map(f -> f == null ? "" : f);
        Arbitrary<String> suffix = Arbitraries.oneOf(
                Arbitraries.of("", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"),
                Arbitraries.integers().between(-40, 40).map(e -> "e" + e));
        return net.jqwik.api.Combinators.combine(sign, integer, fraction, suffix).as((s, i, f, x) -> s + i + f + x);
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> alphabet = Arbitraries.strings().withChars("0123456789.+-eEKkMmGgTPiun \t").ofMaxLength(24);
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(40);
        return Arbitraries.oneOf(alphabet, any);
    }
}
