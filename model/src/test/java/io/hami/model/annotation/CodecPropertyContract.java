package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.decodesCleanly;
import static io.hami.model.annotation.CodecChecks.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.hami.model.wire.WireCodec;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The three properties every wire codec owes, written once: {@code decode(encode(v)) == v} for generated
 * values, and any text — random, or a valid encoding with one character changed — either decodes (and then
 * round-trips) or fails with the codec's own {@link io.hami.model.wire.WireFormatException}.
 *
 * @param <T> the codec's value type
 */
abstract class CodecPropertyContract<T> {

    /** The codec under test. */
    abstract WireCodec<T> codec();

    /** Generated valid values. */
    abstract Gen<T> values();

    /** The characters the format is made of, to reach deep code paths with random text. */
    abstract String alphabet();

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().withExamples(1000).forAll(values())
                .checkAssert(value -> assertThat(roundTrip(codec(), value)).isEqualTo(value));
    }

    @Test
    void anyTextDecodesOrFailsWithWireFormatException() {
        qt().withExamples(3000).forAll(CodecChecks.hostile(alphabet())).checkAssert(s -> decodesCleanly(codec(), s));
    }

    @Test
    void nearMissesOfValidValuesDecodeOrFailWithWireFormatException() {
        qt().withExamples(3000).forAll(CodecChecks.mutated(codec(), values(), alphabet()))
                .checkAssert(s -> decodesCleanly(codec(), s));
    }
}
